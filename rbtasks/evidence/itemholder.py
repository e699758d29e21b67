"""Action items as holders of evidence: the first holder, and the model
for the others (see ``holders``)."""
from flask import url_for
from flask_babel import gettext as _

from rbtasks.errors import Conflict, PermissionDenied
from rbtasks.evidence.holders import EvidenceHolder
from rbtasks.evidence.permissions import (
    CLOSED_FOR_ADDING,
    CLOSED_FOR_REMOVING,
    may_add_evidence,
    may_remove_evidence,
)
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.items.history import record
from rbtasks.items.queries import get_item


def _check_may_add(actor, item):
    if not may_add_evidence(actor, item):
        raise PermissionDenied(_("Only the item's owner or the pokja's coordinators "
                                 "can add evidence to it."))
    if item.status in CLOSED_FOR_ADDING:
        raise Conflict(_("This item is “%(status)s”; evidence can no longer be added.",
                         status=STATUS_LABELS[item.status]))


def _check_may_remove(actor, item, evidence):
    if not may_remove_evidence(actor, item, evidence):
        raise PermissionDenied(_("Only the person who added this evidence or the pokja's "
                                 "coordinators can remove it."))
    if item.status in CLOSED_FOR_REMOVING:
        raise Conflict(_("This item is “%(status)s”; its evidence can no longer be removed.",
                         status=STATUS_LABELS[item.status]))


def _record(item, actor, action, now, subject, note):
    if action == "evidence_added":
        record(item, actor, action, now, new=subject, note=note)
    else:
        record(item, actor, action, now, old=subject, note=note)


ITEM_HOLDER = EvidenceHolder(
    kind="item",
    find=get_item,
    check_may_add=_check_may_add,
    check_may_remove=_check_may_remove,
    record=_record,
    page_url=lambda item: url_for("items.show_item", item_id=item.id, _anchor="evidence"),
)
