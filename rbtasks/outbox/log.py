"""The notification log: who may read it, what it lists, and resending.

Admins see every message. A coordinator sees the messages that have an
entry about an item of a pokja they coordinate — and, inside them, only the
items they may see. Everyone else is refused.
"""
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.roles import ADMIN, COORDINATOR, require_role
from rbtasks.errors import InvalidTransition, NotFound, ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import MAX_ID, whole_number
from rbtasks.items.models import ActionItem
from rbtasks.items.permissions import can_see
from rbtasks.paging import MAX_PER_PAGE, Page
from rbtasks.organisation.models import pokja_coordinator
from rbtasks.outbox.models import (
    CHANNELS, FAILED, HELD, MESSAGE_STATUSES, PENDING, WHATSAPP, OutboxEntry, OutboxMessage,
)
from rbtasks.outbox.whatsapp.quiet_hours import after_quiet_hours

RESENDABLE = (FAILED, HELD)
MAX_RECIPIENT_FILTER = 254


@dataclass
class LogFilters:
    status: str = ""
    item_id: int | None = None
    recipient: str = ""  # text in the recipient's address, name or number, any case
    channel: str = ""    # "email", "whatsapp" or "" (both)


@dataclass
class LogRow:
    """One message as the log shows it, with the entries the reader may see."""

    message: OutboxMessage
    entries: list = field(default_factory=list)   # (stage, ActionItem) pairs
    hidden_entries: int = 0
    may_resend: bool = False

    @property
    def stages(self):
        return sorted({stage for stage, _item in self.entries})


def filters_from_args(args):
    """(LogFilters, page, per_page) from query arguments; ValidationError names a bad one."""
    errors = {}
    status = (args.get("status") or "").strip()
    if status and status not in MESSAGE_STATUSES:
        errors["status"] = _("Unknown status.")
    channel = (args.get("channel") or "").strip()
    if channel and channel not in CHANNELS:
        errors["channel"] = _("Choose email or whatsapp.")
    recipient = (args.get("recipient") or "").strip()
    if len(recipient) > MAX_RECIPIENT_FILTER:
        errors["recipient"] = _("At most %(count)d characters.", count=MAX_RECIPIENT_FILTER)
    numbers = {}
    for name, default, highest in (("item_id", None, MAX_ID), ("page", 1, 10**6),
                                   ("per_page", 50, MAX_PER_PAGE)):
        raw = (args.get(name) or "").strip()
        try:
            numbers[name] = whole_number(raw, 1, highest) if raw else default
        except ValueError:
            errors[name] = _("A whole number from 1 to %(high)d.", high=highest)
    if errors:
        raise ValidationError(_("Some filters are not valid."), errors)
    filters = LogFilters(status=status, item_id=numbers["item_id"], recipient=recipient,
                         channel=channel if channel in CHANNELS else "")
    return filters, numbers["page"], numbers["per_page"]


def _digits(text):
    """The digits of a number typed as 0812-…, found in the stored 62812…"""
    digits = "".join(char for char in text if char.isdigit())
    return digits[1:] if digits.startswith("0") else digits


def _coordinated_items(actor):
    coordinated = sa.select(pokja_coordinator.c.pokja_id).where(
        pokja_coordinator.c.user_id == actor.id)
    return sa.select(ActionItem.id).where(ActionItem.pokja_id.in_(coordinated))


def _visible_clause(actor):
    """Messages ``actor`` may read; PermissionDenied for those who read none."""
    require_role(actor, ADMIN, COORDINATOR)
    if actor.role == ADMIN:
        return sa.true()
    return OutboxMessage.id.in_(
        sa.select(OutboxEntry.message_id).where(OutboxEntry.item_id.in_(_coordinated_items(actor)))
    )


def may_read_log(actor):
    return actor.active and actor.role in (ADMIN, COORDINATOR)


def notification_log(actor, filters, page=1, per_page=50):
    """A Page of LogRow, newest first, of the messages ``actor`` may read."""
    where = [_visible_clause(actor)]
    if filters.status:
        where.append(OutboxMessage.status == filters.status)
    if filters.channel:
        where.append(OutboxMessage.channel == filters.channel)
    if filters.item_id is not None:
        where.append(OutboxMessage.id.in_(
            sa.select(OutboxEntry.message_id).where(OutboxEntry.item_id == filters.item_id)))
    if filters.recipient:
        text = filters.recipient.lower()
        where.append(sa.or_(
            sa.func.lower(OutboxMessage.recipient_email).contains(text, autoescape=True),
            sa.func.lower(OutboxMessage.recipient_name).contains(text, autoescape=True),
            OutboxMessage.recipient_phone.contains(_digits(text), autoescape=True)
            if _digits(text) else sa.false()))
    total = db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)).where(*where))
    messages = db.session.scalars(
        sa.select(OutboxMessage).where(*where)
        .order_by(OutboxMessage.planned_at.desc(), OutboxMessage.id.desc())
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Page(items=_rows(actor, messages), page=page, per_page=per_page, total=total)


def _rows(actor, messages):
    """LogRows for ``messages`` in three queries, however many there are."""
    by_message = {message.id: LogRow(message=message) for message in messages}
    entries = db.session.scalars(
        sa.select(OutboxEntry).where(OutboxEntry.message_id.in_(list(by_message)))
        .order_by(OutboxEntry.id)
    ).all() if by_message else []
    item_ids = {entry.item_id for entry in entries}
    items = {item.id: item for item in db.session.scalars(
        sa.select(ActionItem).where(ActionItem.id.in_(item_ids)))} if item_ids else {}
    for entry in entries:
        row = by_message[entry.message_id]
        item = items.get(entry.item_id)
        if item is not None and can_see(actor, item):
            row.entries.append((entry.stage, item))
        else:
            row.hidden_entries += 1
    for row in by_message.values():
        row.may_resend = row.message.status in RESENDABLE
    return list(by_message.values())


def get_message(actor, message_id):
    """The message if ``actor`` may read it.

    PermissionDenied for those who read no log at all; NotFound both for a
    message that does not exist and for one about other pokja's items, so a
    coordinator learns nothing about what they may not see.
    """
    clause = _visible_clause(actor)
    message = db.session.get(OutboxMessage, message_id) if isinstance(message_id, int) else None
    visible = message is not None and db.session.scalar(
        sa.select(sa.func.count(OutboxMessage.id)).where(OutboxMessage.id == message.id, clause))
    if not visible:
        raise NotFound(_("That notification does not exist."))
    return message


def log_row(actor, message_id):
    """The LogRow of one message ``actor`` may read (see get_message)."""
    return _rows(actor, [get_message(actor, message_id)])[0]


def resend(actor, message_id, now):
    """Queue a failed (or held) message again: pending, no attempts, due now.

    Admins may resend anything; coordinators the messages about their
    pokja's items. It keeps its Message-ID, so the recipient's mail client
    recognises a copy if the first one did arrive after all. A WhatsApp
    message resent at night waits for the morning.
    """
    if isinstance(message_id, OutboxMessage):
        message_id = message_id.id
    message = get_message(actor, message_id)
    if message.status not in RESENDABLE:
        raise InvalidTransition(_("Only a failed or held notification can be sent again."))
    message.status = PENDING
    message.attempts = 0
    message.next_attempt_at = after_quiet_hours(now) if message.channel == WHATSAPP else now
    message.last_error = None
    message.claimed_by = None
    message.claim_expires_at = None
    db.session.flush()
    return message


def messages_about_item(item):
    """The notifications planned about ``item``, newest first, as
    (message, [stages of this item's entries]) pairs."""
    pairs = db.session.execute(
        sa.select(OutboxMessage, OutboxEntry.stage)
        .join(OutboxEntry, OutboxEntry.message_id == OutboxMessage.id)
        .where(OutboxEntry.item_id == item.id)
        .order_by(OutboxMessage.planned_at.desc(), OutboxMessage.id.desc(), OutboxEntry.id)
    ).all()
    grouped = {}
    for message, stage in pairs:
        grouped.setdefault(message.id, (message, []))[1].append(stage)
    return list(grouped.values())
