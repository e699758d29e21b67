"""Requests to move an item's deadline (perpanjangan tenggat)."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
EXTENSION_STATUSES = (PENDING, APPROVED, REJECTED)


class ExtensionRequest(db.Model):
    """A request for a new due date and its decision.

    ``open_item_id`` equals ``item_id`` while the request is pending and is
    cleared when it is decided; its unique constraint lets the database
    itself refuse a second open request for the same item (NULLs never
    collide on SQLite, PostgreSQL or MariaDB).
    """

    __tablename__ = "extension_request"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in EXTENSION_STATUSES) + ")",
            name="status_valid",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    open_item_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(sa.String(10), default=PENDING)
    old_due_date: Mapped[date] = mapped_column(sa.Date)
    new_due_date: Mapped[date] = mapped_column(sa.Date)
    reason: Mapped[str] = mapped_column(sa.Text)
    requested_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_reason: Mapped[str | None] = mapped_column(sa.Text)

    item: Mapped["ActionItem"] = relationship(foreign_keys=[item_id], viewonly=True)  # noqa: F821
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
