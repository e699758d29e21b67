"""Event notices: what happened to a person's items, for the bell and for one email."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.items.models import ActionItem
from rbtasks.outbox.models import OutboxMessage
from rbtasks.timeutil import UTCDateTime

EMAIL, WHATSAPP = "email", "whatsapp"
CHANNELS = (EMAIL, WHATSAPP)
NOTE_LENGTH = 300


class Notice(db.Model):
    """One event told to one person, written in the transaction of the change.

    ``dispatched_at`` is set when the grouping (rbtasks/notices/grouping.py)
    has dealt with it: queued in one email with the recipient's other notices
    (``email_message_id``), or left to the bell when the recipient turned that
    kind off. ``read_at`` is the bell's business only.
    """

    __tablename__ = "notice"
    __table_args__ = (
        sa.Index("ix_notice_recipient_read", "recipient_id", "read_at"),
        sa.Index("ix_notice_dispatched_created", "dispatched_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(30))
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The reason given (return, block, rejection) or the comment's first words.
    note: Mapped[str] = mapped_column(sa.String(NOTE_LENGTH), default="")
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    email_message_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("outbox_message.id", ondelete="SET NULL"), index=True)
    whatsapp_message_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("outbox_message.id", ondelete="SET NULL"), index=True)

    recipient: Mapped[User] = relationship(foreign_keys=[recipient_id])
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    item: Mapped[ActionItem] = relationship()
    email_message: Mapped[OutboxMessage | None] = relationship(
        foreign_keys=[email_message_id])
    whatsapp_message: Mapped[OutboxMessage | None] = relationship(
        foreign_keys=[whatsapp_message_id])


class NoticePreference(db.Model):
    """A person's choice for one kind on one channel; no row means the default
    (rbtasks/notices/kinds.py: every kind by email, and on WhatsApp once opted in)."""

    __tablename__ = "notice_preference"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "kind", "channel", name="uq_notice_preference_once"),
        sa.CheckConstraint(
            "channel IN (" + ", ".join(f"'{c}'" for c in CHANNELS) + ")",
            name="channel_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(30))
    channel: Mapped[str] = mapped_column(sa.String(10))
    enabled: Mapped[bool] = mapped_column(default=True)
