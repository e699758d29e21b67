"""Putting messages into the outbox: the one door every planned email and
WhatsApp message goes through.

:func:`enqueue` writes each :class:`PlannedEmail` (and :class:`PlannedWhatsApp`)
as a pending :class:`~rbtasks.outbox.models.OutboxMessage` with its entries
and inline attachments, in the caller's transaction (flushed, never
committed): a message exists exactly when what planned it was committed,
and the delivery (rbtasks.outbox.delivery) sends it from there. Nothing here
talks to a mail server or a WhatsApp provider, so planning costs the same
whether or not one answers. A WhatsApp message planned in the quiet hours
(21:00–06:00 WITA) is due when they end.

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
from rbtasks.inputs.phone import normalise_phone
from rbtasks.outbox.models import (
    EMAIL, PENDING, WHATSAPP, OutboxAttachment, OutboxEntry, OutboxMessage,
)
from rbtasks.outbox.whatsapp.quiet_hours import after_quiet_hours

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


# A WhatsApp message is short: what happened, the item, the deadline, a link.
MAX_WHATSAPP_TEXT = 999


@dataclass(frozen=True)
class PlannedWhatsApp:
    """A WhatsApp message to one number, ready to queue beside (or instead of)
    an email. ``recipient_phone`` is ``62812…`` (rbtasks.inputs.phone); the
    text is cut to MAX_WHATSAPP_TEXT characters. ``recipient_email`` (the
    person's address, when known) lets the log find the person and keys the
    entries; without it the entries are keyed by the number."""

    kind: str                       # "reminder", a notice's kind, …
    recipient_phone: str
    text: str
    recipient_user_id: int | None = None
    recipient_name: str = ""
    locale: str = "id"
    dedup_key: str | None = None
    entries: tuple = ()             # Entry, for reminders
    recipient_email: str = ""


def shorten(text, limit=MAX_WHATSAPP_TEXT):
    """``text`` in at most ``limit`` characters, cut with "…"."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


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
    """Write ``emails`` (PlannedEmail and PlannedWhatsApp, in any mix) as
    pending outbox rows, due at ``now`` (a WhatsApp message planned in the
    quiet hours: when they end); returns their ids, in order. Flushes,
    never commits.

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
         "recipient_email": row["recipient_email"] or row["recipient_phone"],
         "channel": row["channel"]}
        for email, row, message_id in zip(emails, rows, ids) for entry in email.entries
    ]
    if entries:
        db.session.execute(sa.insert(OutboxEntry), entries)
    attachments = [
        {"message_id": message_id, "filename": part.filename,
         "content_type": part.content_type, "content_id": part.content_id, "data": part.data}
        for email, message_id in zip(emails, ids) if isinstance(email, PlannedEmail)
        for part in email.rendered.attachments
    ]
    if attachments:
        db.session.execute(sa.insert(OutboxAttachment), attachments)
    return ids


def _row(email, now):
    if isinstance(email, PlannedWhatsApp):
        return _whatsapp_row(email, now)
    rendered = email.rendered
    return {
        "kind": email.kind, "channel": EMAIL, "recipient_phone": None,
        "dedup_key": email.dedup_key,
        "recipient_email": email.recipient_email,
        "recipient_name": (email.recipient_name or "")[:_NAME_LENGTH],
        "recipient_user_id": email.recipient_user_id, "locale": email.locale,
        "subject": rendered.subject, "body_text": rendered.body_text,
        "body_html": rendered.body_html, "message_id": new_message_id(), "status": PENDING,
        "attempts": 0, "planned_at": now, "next_attempt_at": now,
    }


def _whatsapp_row(message, now):
    # A wrong number here is a bug in the caller (numbers are normalised when
    # saved), so it raises rather than planning a message that cannot go.
    phone = normalise_phone(message.recipient_phone)
    if phone != message.recipient_phone:
        raise ValueError(
            f"recipient_phone must be normalised (62812…): {message.recipient_phone!r}")
    due = after_quiet_hours(now)
    return {
        "kind": message.kind, "channel": WHATSAPP, "recipient_phone": phone,
        "dedup_key": message.dedup_key,
        "recipient_email": (message.recipient_email or "").strip().lower(),
        "recipient_name": (message.recipient_name or "")[:_NAME_LENGTH],
        "recipient_user_id": message.recipient_user_id, "locale": message.locale,
        "subject": "", "body_text": shorten(message.text), "body_html": "",
        "message_id": new_message_id(), "status": PENDING, "attempts": 0,
        "planned_at": now, "next_attempt_at": due,
    }
