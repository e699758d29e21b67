"""Moving an action item through its statuses.

Checks run in the order users understand them: may this person act at
all (403), is the item in a status this action starts from (409, naming
the current status), is everything the action needs there (422). Nothing
changes unless all pass; every transition is logged with actor, time and
reason, and respects the version the actor saw. Verifying completes the
item's progress (100%), and reopening an item whose progress follows its
quarterly realisation returns it to that figure; either change is logged as
a progress change beside the transition.
"""
import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.roles import ADMIN as ADMIN_ROLE
from rbtasks.errors import InvalidTransition, PermissionDenied, StaleVersion, ValidationError
from rbtasks.extensions import db
from rbtasks.items.constants import IN_PROGRESS, STATUS_LABELS
from rbtasks.items.history import record
from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.items.permissions import coordinates
from rbtasks.items.services import flush_or_conflict
from rbtasks.notices.services import notify
from rbtasks.realisation.services import progress_follows_quarters, realised_progress
from rbtasks.workflow.rules import ACTIONS, ADMIN, COORDINATOR, OWNER, RULES

MAX_TEXT = 5_000
# The transitions that tell someone (rbtasks/notices/kinds.py says whom).
NOTICES = {"return": "returned", "verify": "verified", "block": "blocked"}


def relations(actor, item):
    """How ``actor`` stands to ``item``: owner, coordinator of its pokja, admin."""
    found = set()
    if item.owner_id is not None and item.owner_id == actor.id:
        found.add(OWNER)
    if coordinates(actor, item.pokja_id):
        found.add(COORDINATOR)
    if actor.role == ADMIN_ROLE:
        found.add(ADMIN)
    return found


def may_act(actor, item, rule):
    """Whether the actor's relation to the item lets them take this action at all."""
    mine = relations(actor, item)
    if rule.action == "verify" and OWNER in mine:
        return False  # evidence is checked by someone other than its owner
    return bool(mine & set(rule.actors))


def allowed_actions(actor, item):
    """The actions the actor may take now: the buttons the item page shows."""
    return [rule for rule in RULES.values()
            if item.status in rule.sources and may_act(actor, item, rule)]


def pending_return(item):
    """The entry of the return that sent ``item`` back to its owner, while that is still the
    item's last transition (None once it is submitted again, blocked, cancelled…)."""
    if item.status != IN_PROGRESS:
        return None
    return db.session.scalar(sa.select(ActivityEntry).where(
        ActivityEntry.id.in_(pending_return_ids(ActionItem.id == item.id))))


def pending_return_ids(*items_where):
    """A SELECT of the ids of the pending returns (see :func:`pending_return`) of the
    items matching ``items_where`` (clauses on ActionItem): one statement for any
    number of items, for lists such as "Perlu tindakan" (rbtasks/inbox)."""
    latest_first = sa.func.row_number().over(
        partition_by=ActivityEntry.item_id,
        order_by=(ActivityEntry.at.desc(), ActivityEntry.id.desc()))
    transitions = (
        sa.select(ActivityEntry.id, ActivityEntry.action, latest_first.label("position"))
        .join(ActionItem, ActionItem.id == ActivityEntry.item_id)
        .where(ActivityEntry.action.in_(ACTIONS), ActionItem.status == IN_PROGRESS,
               *items_where)
        .subquery())
    return sa.select(transitions.c.id).where(transitions.c.position == 1,
                                             transitions.c.action == "return")


def _evidence_count(item):
    from rbtasks.evidence.services import count_evidence

    return count_evidence(item.id)


def apply_transition(actor, item, action, expected_version, now, reason="", note=""):
    """Take ``action`` on ``item``; returns the item in its new status."""
    rule = RULES.get(action)
    if rule is None:
        raise ValidationError(_("Some fields are not valid."), {
            "action": _("Unknown action. Use one of: %(actions)s.", actions=", ".join(ACTIONS))})
    if not may_act(actor, item, rule):
        if rule.action == "verify" and OWNER in relations(actor, item):
            raise PermissionDenied(_("Evidence must be verified by someone other than the item's owner."))
        raise PermissionDenied(_("You may not do this to this item."))
    if item.status not in rule.sources:
        raise InvalidTransition(_(
            "This item is “%(status)s”; “%(action)s” is not possible from that status.",
            status=STATUS_LABELS[item.status], action=rule.label))
    reason, note = (reason or "").strip(), (note or "").strip()
    errors = {}
    if rule.needs_reason and not reason:
        errors["reason"] = _("Give a reason.")
    if len(reason) > MAX_TEXT:
        errors["reason"] = _("At most %(count)d characters.", count=MAX_TEXT)
    if len(note) > MAX_TEXT:
        errors["note"] = _("At most %(count)d characters.", count=MAX_TEXT)
    if rule.needs_evidence:
        if not note:
            errors["note"] = _("Write a realisation note: what was done.")
        if _evidence_count(item) == 0:
            errors["evidence"] = _("Add at least one piece of evidence (data dukung) first.")
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    if expected_version is None:
        raise ValidationError(_("Some fields are not valid."),
                              {"version": _("This field is required.")})
    if expected_version != item.version:
        raise StaleVersion()

    old_status = item.status
    _apply_effects(item, rule, now, reason, note)
    item.status = rule.target
    item.updated_at = now
    item.updated_by_id = actor.id
    record(item, actor, rule.action, now, field="status", old=old_status, new=rule.target,
           note=reason or note)
    progress = _progress_after(item, rule)
    if progress != item.progress:
        record(item, actor, "updated", now, field="progress", old=item.progress, new=progress)
        item.progress = progress
    flush_or_conflict()
    if rule.action in NOTICES:
        notify(NOTICES[rule.action], item, actor, now, note=reason)
    return item


def _progress_after(item, rule):
    """A verified item is 100% done, whatever its quarterly realisation reached; reopened,
    an item whose progress follows the realisation goes back to that figure."""
    if rule.action == "verify":
        return 100
    if rule.action == "reopen" and progress_follows_quarters(item):
        return realised_progress(item)
    return item.progress


def _apply_effects(item, rule, now, reason, note):
    if rule.action == "block":
        item.block_reason = reason
    elif rule.action == "unblock":
        item.block_reason = None
    elif rule.action == "submit":
        item.submitted_at = now
        item.realisation_note = note
    elif rule.action == "verify":
        item.completed_at = now
    elif rule.action == "return":
        item.submitted_at = None
    elif rule.action == "reopen":
        item.completed_at = None
    if rule.action in ("cancel", "reopen") and item.block_reason:
        item.block_reason = None
