"""Adding, listing, removing and downloading evidence (data dukung).

Checks run in the order users understand them: can the actor see the item
(404), may they do this (403), does the item's status allow it (409), is
the input good (422). Nothing is stored unless all pass. Every addition and
removal is written to the item's activity log. Services flush; the edge
commits, and stored files follow that commit (see ``storage``).
"""
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from rbtasks.errors import Conflict, NotFound, PermissionDenied, ValidationError
from rbtasks.evidence import filetypes, storage
from rbtasks.evidence.models import EVIDENCE_KINDS, Evidence
from rbtasks.evidence.permissions import (
    CLOSED_FOR_ADDING,
    CLOSED_FOR_REMOVING,
    may_add_evidence,
    may_remove_evidence,
)
from rbtasks.extensions import db
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.items.history import record
from rbtasks.items.permissions import can_see
from rbtasks.items.queries import get_item

MAX_DESCRIPTION = 500
MAX_URL = 2000


def _clean_common(kind, description):
    errors = {}
    if kind not in EVIDENCE_KINDS:
        errors["kind"] = _("Choose one of: %(kinds)s.", kinds=", ".join(EVIDENCE_KINDS))
    description = " ".join((description or "").split())
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = _("At most %(count)d characters.", count=MAX_DESCRIPTION)
    return description, errors


def clean_url(url):
    """The link, or an error message: http(s) only, with a host, no credentials."""
    url = (url or "").strip()
    if not url:
        return url, _("Give the link's address.")
    if len(url) > MAX_URL:
        return url, _("At most %(count)d characters.", count=MAX_URL)
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return url, _("A link cannot contain spaces or control characters.")
    try:
        parts = urlsplit(url)
        host, _port = parts.hostname, parts.port  # a bad port raises here
    except ValueError:
        return url, _("This is not a valid web address.")
    if parts.scheme.lower() not in ("http", "https"):
        return url, _("Only http:// and https:// links are accepted.")
    if not host:
        return url, _("The link needs a host name, such as https://example.go.id/.")
    if parts.username is not None or parts.password is not None:
        return url, _("Links with a user name or password in them are not accepted.")
    return url, None


def _require_may_add(actor, item):
    if not may_add_evidence(actor, item):
        raise PermissionDenied(_("Only the item's owner or the pokja's coordinators "
                                 "can add evidence to it."))
    if item.status in CLOSED_FOR_ADDING:
        raise Conflict(_("This item is “%(status)s”; evidence can no longer be added.",
                         status=STATUS_LABELS[item.status]))


def add_link_evidence(actor, item, kind, description, url, now):
    """Attach a link (e.g. to a document on the agency's site) to the item."""
    _require_may_add(actor, item)
    description, errors = _clean_common(kind, description)
    url, url_error = clean_url(url)
    if url_error:
        errors["url"] = url_error
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    evidence = Evidence(item_id=item.id, kind=kind, description=description, url=url,
                        added_by_id=actor.id, added_at=now)
    db.session.add(evidence)
    record(item, actor, "evidence_added", now, new=url, note=description or url)
    db.session.flush()
    return evidence


def add_file_evidence(actor, item, kind, description, stream, filename, now):
    """Store an uploaded file as evidence for the item.

    The file must be of an accepted type by its content, agreeing with its
    name's extension, and no larger than ``RBTASKS_MAX_UPLOAD_BYTES``. The
    uploader's file name is kept (sanitised) for display and download only.
    """
    _require_may_add(actor, item)
    description, errors = _clean_common(kind, description)
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    original_name = storage.sanitise_filename(filename)
    extension = filetypes.check_extension(original_name)
    stored = storage.save_upload(
        stream, current_app.config["RBTASKS_MAX_UPLOAD_BYTES"],
        lambda head: filetypes.detect_content_type(head, extension),
    )
    evidence = Evidence(
        item_id=item.id, kind=kind, description=description, stored_name=stored.stored_name,
        original_name=original_name, content_type=stored.content_type,
        size_bytes=stored.size_bytes, sha256=stored.sha256, added_by_id=actor.id, added_at=now,
    )
    db.session.add(evidence)
    record(item, actor, "evidence_added", now, new=original_name,
           note=description or original_name)
    db.session.flush()
    return evidence


def get_evidence(actor, evidence_id):
    """The evidence and its item, or NotFound when the actor may not see the item."""
    evidence = db.session.get(Evidence, evidence_id) if isinstance(evidence_id, int) else None
    if evidence is None:
        raise NotFound(_("That evidence does not exist or is not visible to you."))
    try:
        item = get_item(actor, evidence.item_id)
    except NotFound:
        raise NotFound(_("That evidence does not exist or is not visible to you.")) from None
    return evidence, item


def remove_evidence(actor, evidence_id, now):
    """Delete a piece of evidence; its file goes once the deletion is committed.

    Whoever added it, the pokja's coordinators and admins may remove it,
    but not once the item is done: verification rested on it.
    """
    evidence, item = get_evidence(actor, evidence_id)
    if not may_remove_evidence(actor, item, evidence):
        raise PermissionDenied(_("Only the person who added this evidence or the pokja's "
                                 "coordinators can remove it."))
    if item.status in CLOSED_FOR_REMOVING:
        raise Conflict(_("This item is “%(status)s”; its evidence can no longer be removed.",
                         status=STATUS_LABELS[item.status]))
    subject = evidence.original_name if evidence.is_file else evidence.url
    record(item, actor, "evidence_removed", now, old=subject,
           note=evidence.description or subject)
    if evidence.is_file:
        storage.delete_after_commit(evidence.stored_name)
    db.session.delete(evidence)
    db.session.flush()
    return item


def list_evidence(actor, item):
    """The item's evidence, oldest first, with who added it loaded."""
    if not can_see(actor, item):
        raise NotFound(_("That action item does not exist or is not visible to you."))
    return list(db.session.scalars(
        sa.select(Evidence).where(Evidence.item_id == item.id)
        .options(selectinload(Evidence.added_by))
        .order_by(Evidence.added_at, Evidence.id)
    ))


def evidence_for_download(actor, evidence_id):
    """(evidence, path) of a stored file the actor may see; NotFound otherwise."""
    evidence, _item = get_evidence(actor, evidence_id)
    if not evidence.is_file:
        raise NotFound(_("This evidence is a link, not a file."))
    path = storage.path_for(evidence.stored_name)
    if not path.is_file():
        current_app.logger.error("evidence %s: file %s is missing", evidence.id, path)
        raise NotFound(_("The file of this evidence is missing. Ask an administrator."))
    return evidence, path


def count_evidence(item_id):
    """How many pieces of evidence the item has (the workflow's submit needs one)."""
    return db.session.scalar(
        sa.select(sa.func.count(Evidence.id)).where(Evidence.item_id == item_id)
    )
