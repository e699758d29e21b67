"""JSON shape of a notification-log row: the same facts the log page shows."""
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from rbtasks.outbox.models import CHANNELS, MESSAGE_STATUSES, STAGES, WHATSAPP

Status = Literal[MESSAGE_STATUSES]  # type: ignore[valid-type]
Channel = Literal[CHANNELS]  # type: ignore[valid-type]
Stage = Literal[STAGES]  # type: ignore[valid-type]


class NotificationEntryOut(BaseModel):
    stage: Stage
    item_id: int
    item_title: str
    item_deleted: bool


class NotificationOut(BaseModel):
    id: int
    kind: str = Field(description="reminder, digest, …")
    channel: Channel = Field(description="email or whatsapp")
    recipient_email: str = Field(description="The address (of a WhatsApp message's "
                                             "recipient, when known; else empty)")
    recipient_phone: str | None = Field(description="A WhatsApp message's number, 62812…")
    text: str | None = Field(description="A WhatsApp message's text (never an email's body)")
    recipient_name: str
    message_id: str = Field(description="The email's Message-ID header, kept across resends "
                                        "(an internal id for WhatsApp)")
    status: Status
    attempts: int
    planned_at: datetime
    next_attempt_at: datetime = Field(description="When a pending email is tried (again)")
    sent_at: datetime | None
    last_error: str | None
    entries: list[NotificationEntryOut] = Field(
        description="What the email is about: the stages and items the reader may see")
    hidden_entries: int = Field(description="Entries about items the reader may not see")
    may_resend: bool = Field(description="Failed or held: POST …/resend queues it again")

    @classmethod
    def dump(cls, row):
        """JSON for a LogRow (rbtasks.outbox.log)."""
        message = row.message
        return {
            "id": message.id, "kind": message.kind, "channel": message.channel,
            "recipient_email": message.recipient_email,
            "recipient_phone": message.recipient_phone,
            "text": message.body_text if message.channel == WHATSAPP else None,
            "recipient_name": message.recipient_name or "",
            "message_id": message.message_id, "status": message.status,
            "attempts": message.attempts, "planned_at": message.planned_at.isoformat(),
            "next_attempt_at": message.next_attempt_at.isoformat(),
            "sent_at": message.sent_at.isoformat() if message.sent_at else None,
            "last_error": message.last_error,
            "entries": [{"stage": stage, "item_id": item.id, "item_title": item.title,
                         "item_deleted": item.deleted_at is not None}
                        for stage, item in row.entries],
            "hidden_entries": row.hidden_entries, "may_resend": row.may_resend,
        }
