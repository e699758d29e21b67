"""Putting emails into the outbox: the one door every planned email goes through.

:func:`enqueue` writes each :class:`PlannedEmail` as a pending
:class:`~rbtasks.outbox.models.OutboxMessage` with its entries and inline
attachments, in the caller's transaction (flushed, never committed): an
email exists exactly when what planned it was committed, and the delivery
(rbtasks.outbox.delivery) sends it from there. Nothing here talks to a
mail server, so planning an email costs the same whether or not one answers.

The outbox owns what makes a row unique: its ``Message-ID`` (given here,
kept on resend) and the format of its once-only key (:func:`dedup_key`).
Reminders are unique per entry instead (``uq_outbox_entry_once``).
Other features import these names from rbtasks.outbox.services.
"""
import hashlib
import uuid
from dataclasses import dataclass
from datetime import date
from email.utils import parseaddr

import sqlalchemy as sa
from flask import current_app

from rbtasks.extensions import db
from rbtasks.mail import RenderedEmail
from rbtasks.outbox.models import (
    PENDING, OutboxAttachment, OutboxEntry, OutboxMessage,
)

_KEY_LENGTH = 200   # OutboxMessage.dedup_key
ERASED_KINDS = "rbtasks.outbox_erased_kinds"


def erase_once_sent(app, kind):
    """Emails of ``kind`` carry a secret (a password-reset link): their body is
    kept only until the mail server accepts it."""
    app.extensions.setdefault(ERASED_KINDS, set()).add(kind)


def kinds_erased_once_sent():
    return tuple(sorted(current_app.extensions.get(ERASED_KINDS, ())))
_NAME_LENGTH = 200  # OutboxMessage.recipient_name


@dataclass(frozen=True)
class Entry:
    """One line of a reminder email: this stage of this item, for this
    deadline and period (with the recipient, the entry's unique key)."""

    item_id: int
    stage: str
    due_date: date
    period: int


@dataclass(frozen=True)
class PlannedEmail:
    """An email to one recipient, rendered (rbtasks.mail.render), ready to queue."""

    kind: str                       # "reminder", "digest", "password_reset"
    recipient_email: str
    rendered: RenderedEmail
    recipient_name: str = ""
    recipient_user_id: int | None = None
    locale: str = "id"
    dedup_key: str | None = None    # see dedup_key(); None: no once-only key
    entries: tuple = ()             # Entry, for reminders


def new_message_id():
    """A fresh, globally unique ``Message-ID`` for an outbox row.

    It is stored with the row before anything is sent, so a resend of the
    same row carries the same id and the recipient's mail client (and the
    tests) can recognise it. The domain is the sender's, since spam filters
    distrust ids that name a host the mail did not come from.
    """
    _name, address = parseaddr(current_app.config.get("MAIL_DEFAULT_SENDER") or "")
    domain = address.rpartition("@")[2] if "@" in address else ""
    return f"<{uuid.uuid4().hex}@{domain or 'rbtasks'}>"


def dedup_key(kind, *parts):
    """The once-only key of an email, e.g. ``digest:2026-W49:ketua@nttprov.go.id``.

    A key too long for its column (a very long address; possible, never
    seen) has its last part replaced by that part's SHA-256, which keeps it
    unique and stable.
    """
    key = ":".join([kind, *parts])
    if len(key) > _KEY_LENGTH and parts:
        digest = hashlib.sha256(parts[-1].encode()).hexdigest()
        key = ":".join([kind, *parts[:-1], f"sha256:{digest}"])
    return key


def already_queued(keys):
    """Those of ``keys`` (once-only keys) that some outbox row already has."""
    keys = list(keys)
    if not keys:
        return set()
    return set(db.session.scalars(
        sa.select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.in_(keys))))


def enqueue(emails, now):
    """Write ``emails`` (PlannedEmail) as pending outbox rows, due at ``now``;
    returns their ids, in order. Flushes, never commits.

    Messages, entries and attachments are each one batched INSERT, however
    many there are, so a sweep writing 50,000 entries stays quick. A once-only
    key or an entry that already exists raises IntegrityError (the caller's
    planning lock should have prevented it; see reminders/sweep.py).
    """
    emails = list(emails)
    if not emails:
        return []
    rows = [_row(email, now) for email in emails]
    inserted = db.session.execute(
        sa.insert(OutboxMessage).returning(OutboxMessage.message_id, OutboxMessage.id), rows)
    id_of = dict(inserted.all())
    ids = [id_of[row["message_id"]] for row in rows]
    entries = [
        {"message_id": message_id, "item_id": entry.item_id, "stage": entry.stage,
         "due_date": entry.due_date, "period": entry.period,
         "recipient_email": email.recipient_email}
        for email, message_id in zip(emails, ids) for entry in email.entries
    ]
    if entries:
        db.session.execute(sa.insert(OutboxEntry), entries)
    attachments = [
        {"message_id": message_id, "filename": part.filename,
         "content_type": part.content_type, "content_id": part.content_id, "data": part.data}
        for email, message_id in zip(emails, ids) for part in email.rendered.attachments
    ]
    if attachments:
        db.session.execute(sa.insert(OutboxAttachment), attachments)
    return ids


def _row(email, now):
    rendered = email.rendered
    return {
        "kind": email.kind, "dedup_key": email.dedup_key,
        "recipient_email": email.recipient_email,
        "recipient_name": (email.recipient_name or "")[:_NAME_LENGTH],
        "recipient_user_id": email.recipient_user_id, "locale": email.locale,
        "subject": rendered.subject, "body_text": rendered.body_text,
        "body_html": rendered.body_html, "message_id": new_message_id(), "status": PENDING,
        "attempts": 0, "planned_at": now, "next_attempt_at": now,
    }
