"""The outbox: every planned email is a row before it is a message on the wire."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime

PENDING = "pending"    # waiting to be sent (or to be retried at next_attempt_at)
SENDING = "sending"    # claimed by one delivery process until claim_expires_at
SENT = "sent"
FAILED = "failed"      # permanent failure, or retries exhausted; shown to admins
HELD = "held"          # not sent: no mail server (no WhatsApp provider) configured
MESSAGE_STATUSES = (PENDING, SENDING, SENT, FAILED, HELD)

EMAIL = "email"
WHATSAPP = "whatsapp"
CHANNELS = (EMAIL, WHATSAPP)
_CHANNEL_LIST = ", ".join(f"'{c}'" for c in CHANNELS)

STAGES = ("before", "overdue", "escalation_1", "escalation_2", "waiting")


class OutboxMessage(db.Model):
    """One message to one recipient, written in the transaction that planned it:
    an email, or a WhatsApp message (``channel``), whose text is ``body_text``
    and whose number is ``recipient_phone`` (subject and HTML stay empty)."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in MESSAGE_STATUSES) + ")",
            name="status_valid",
        ),
        sa.CheckConstraint(f"channel IN ({_CHANNEL_LIST})", name="channel_valid"),
        sa.Index("ix_outbox_message_status_next_attempt", "status", "next_attempt_at"),
        # Claims read only their own channel's rows (see rbtasks.outbox.claiming).
        sa.Index("ix_outbox_message_channel_status_next_attempt",
                 "channel", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))  # reminder, digest, …
    channel: Mapped[str] = mapped_column(sa.String(10), default=EMAIL, server_default=EMAIL)
    # A key unique per logical email, e.g. "digest:2026-W49:user:7"; NULL for
    # reminders, whose uniqueness lives in their entries.
    dedup_key: Mapped[str | None] = mapped_column(sa.String(200), unique=True)
    # A WhatsApp message keeps the person's address when they have one ("" if not).
    recipient_email: Mapped[str] = mapped_column(sa.String(254), index=True)
    recipient_phone: Mapped[str | None] = mapped_column(sa.String(20))  # 62812…, WhatsApp
    recipient_name: Mapped[str] = mapped_column(sa.String(200), default="")
    recipient_user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    locale: Mapped[str] = mapped_column(sa.String(5), default="id")
    subject: Mapped[str] = mapped_column(sa.String(300))
    body_text: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    message_id: Mapped[str] = mapped_column(sa.String(200), unique=True)
    status: Mapped[str] = mapped_column(sa.String(10), default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(sa.String(100))
    claim_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(sa.Text)

    entries: Mapped[list["OutboxEntry"]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="OutboxEntry.id"
    )
    attachments: Mapped[list["OutboxAttachment"]] = relationship(
        back_populates="message", cascade="all, delete-orphan", order_by="OutboxAttachment.id"
    )


class OutboxEntry(db.Model):
    """One line of a reminder email: this stage, for this item, deadline and period.

    The unique key means the same stage for the same item, deadline, period
    and recipient can never be planned twice on one channel, by any number
    of processes (the WhatsApp message beside an email has entries of its own).
    """

    __tablename__ = "outbox_entry"
    __table_args__ = (
        sa.UniqueConstraint("item_id", "stage", "due_date", "period", "recipient_email",
                            "channel", name="uq_outbox_entry_once"),
        sa.CheckConstraint(
            "stage IN (" + ", ".join(f"'{s}'" for s in STAGES) + ")", name="stage_valid"
        ),
        sa.CheckConstraint(f"channel IN ({_CHANNEL_LIST})", name="channel_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        sa.ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(sa.String(20))
    # The deadline the stage counts from (the submission date for "waiting"),
    # so a moved deadline starts every stage afresh.
    due_date: Mapped[date] = mapped_column(sa.Date)
    period: Mapped[int]
    recipient_email: Mapped[str] = mapped_column(sa.String(254))
    channel: Mapped[str] = mapped_column(sa.String(10), default=EMAIL, server_default=EMAIL)

    message: Mapped[OutboxMessage] = relationship(back_populates="entries")


class OutboxAttachment(db.Model):
    """An inline part of a message (e.g. the digest's chart), referenced by Content-ID."""

    __tablename__ = "outbox_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        sa.ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(100))
    content_id: Mapped[str] = mapped_column(sa.String(200))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary().with_variant(
        mysql.LONGBLOB(), "mysql"))

    message: Mapped[OutboxMessage] = relationship(back_populates="attachments")


class JobLock(db.Model):
    """One row per job; planning holds it FOR UPDATE so that concurrent
    sweeps (or digests) run one after another, never interleaved."""

    __tablename__ = "job_lock"

    name: Mapped[str] = mapped_column(sa.String(50), primary_key=True)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
