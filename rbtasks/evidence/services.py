"""Adding, listing, removing and downloading evidence (data dukung).

Evidence belongs to a holder: an action item, or what another feature
registered (``holders``). Checks run in the order users understand them:
can the actor see the holder (404), may they do this (403), does the
holder's state allow it (409), is the input good (422). Nothing is stored
unless all pass. Every addition and removal is written to the holder's
history (the item's activity log). Services flush; the edge
commits, and stored files follow that commit (see ``storage``).
"""
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from rbtasks.errors import NotFound, ValidationError
from rbtasks.evidence import filetypes, holders, storage
from rbtasks.evidence.models import EVIDENCE_KINDS, Evidence
from rbtasks.extensions import db
from rbtasks.items.permissions import can_see

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


def _holder_kind(kind):
    return holders.holder_kind(kind)


def attach_link(actor, kind, holder, evidence_kind, description, url, now):
    """Attach a link (e.g. to a document on the agency's site) to a holder
    of evidence: an item, a meeting, an answer (see ``holders``)."""
    spec = _holder_kind(kind)
    spec.check_may_add(actor, holder)
    description, errors = _clean_common(evidence_kind, description)
    url, url_error = clean_url(url)
    if url_error:
        errors["url"] = url_error
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    evidence = Evidence(kind=evidence_kind, description=description, url=url,
                        added_by_id=actor.id, added_at=now, **{f"{kind}_id": holder.id})
    db.session.add(evidence)
    spec.record(holder, actor, "evidence_added", now, url, description or url)
    db.session.flush()
    return evidence


def attach_file(actor, kind, holder, evidence_kind, description, stream, filename, now):
    """Store an uploaded file as evidence for a holder.

    The file must be of an accepted type by its content, agreeing with its
    name's extension, and no larger than ``RBTASKS_MAX_UPLOAD_BYTES``. The
    uploader's file name is kept (sanitised) for display and download only.
    """
    spec = _holder_kind(kind)
    spec.check_may_add(actor, holder)
    description, errors = _clean_common(evidence_kind, description)
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    original_name = storage.sanitise_filename(filename)
    extension = filetypes.check_extension(original_name)
    stored = storage.save_upload(
        stream, current_app.config["RBTASKS_MAX_UPLOAD_BYTES"],
        lambda head: filetypes.detect_content_type(head, extension),
    )
    evidence = Evidence(
        kind=evidence_kind, description=description, stored_name=stored.stored_name,
        original_name=original_name, content_type=stored.content_type,
        size_bytes=stored.size_bytes, sha256=stored.sha256, added_by_id=actor.id, added_at=now,
        **{f"{kind}_id": holder.id},
    )
    db.session.add(evidence)
    spec.record(holder, actor, "evidence_added", now, original_name,
                description or original_name)
    db.session.flush()
    return evidence


def add_link_evidence(actor, item, kind, description, url, now):
    """Attach a link to the item."""
    return attach_link(actor, "item", item, kind, description, url, now)


def add_file_evidence(actor, item, kind, description, stream, filename, now):
    """Store an uploaded file as evidence for the item (see ``attach_file``)."""
    return attach_file(actor, "item", item, kind, description, stream, filename, now)


def get_evidence(actor, evidence_id):
    """The evidence and its holder (item, meeting, answer), or NotFound when
    the actor may not see the holder."""
    evidence = db.session.get(Evidence, evidence_id) if isinstance(evidence_id, int) else None
    if evidence is None:
        raise NotFound(_("That evidence does not exist or is not visible to you."))
    spec, holder_id = holders.holder_of(evidence)
    try:
        holder = spec.find(actor, holder_id)
    except NotFound:
        raise NotFound(_("That evidence does not exist or is not visible to you.")) from None
    return evidence, holder


def page_of(evidence, holder):
    """The URL of the page that shows this evidence among its holder's."""
    spec, _holder_id = holders.holder_of(evidence)
    return spec.page_url(holder)


def remove_evidence(actor, evidence_id, now):
    """Delete a piece of evidence; its file goes once the deletion is committed.

    For an item: whoever added it, the pokja's coordinators and admins may
    remove it, but not once the item is done: verification rested on it.
    Other holders say their own rule. Returns the holder.
    """
    evidence, holder = get_evidence(actor, evidence_id)
    spec, _holder_id = holders.holder_of(evidence)
    spec.check_may_remove(actor, holder, evidence)
    subject = evidence.original_name if evidence.is_file else evidence.url
    spec.record(holder, actor, "evidence_removed", now, subject,
                evidence.description or subject)
    if evidence.is_file:
        storage.delete_after_commit(evidence.stored_name)
    db.session.delete(evidence)
    db.session.flush()
    return holder


def evidence_of(kind, holder):
    """A holder's evidence, oldest first, with who added it loaded (the
    caller has checked that the actor may see the holder)."""
    return list(db.session.scalars(
        sa.select(Evidence).where(_holder_kind(kind).column == holder.id)
        .options(selectinload(Evidence.added_by))
        .order_by(Evidence.added_at, Evidence.id)
    ))


def list_evidence(actor, item):
    """The item's evidence, oldest first, with who added it loaded."""
    if not can_see(actor, item):
        raise NotFound(_("That action item does not exist or is not visible to you."))
    return evidence_of("item", item)


def evidence_for_download(actor, evidence_id):
    """(evidence, path) of a stored file the actor may see; NotFound otherwise."""
    evidence, _holder = get_evidence(actor, evidence_id)
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
