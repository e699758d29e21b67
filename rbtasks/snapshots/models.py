"""Weekly snapshots of the plan's counts: the history behind "since last week"."""
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime

SCOPES = ("all", "pokja", "agency")


class WeeklySnapshot(db.Model):
    """Counts for one scope (the whole plan, one pokja or one agency) in one ISO week.

    ``scope_id`` is 0 for the whole plan, else the pokja's or agency's id, so
    the unique key works the same on every database (no NULLs in it).
    """

    __tablename__ = "weekly_snapshot"
    __table_args__ = (
        sa.UniqueConstraint("week_start", "scope", "scope_id", name="uq_weekly_snapshot_week_scope"),
        sa.CheckConstraint(
            "scope IN (" + ", ".join(f"'{s}'" for s in SCOPES) + ")", name="scope_valid"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    week_start: Mapped[date] = mapped_column(sa.Date, index=True)  # the ISO week's Monday
    scope: Mapped[str] = mapped_column(sa.String(10))
    scope_id: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    not_started: Mapped[int] = mapped_column(default=0)
    in_progress: Mapped[int] = mapped_column(default=0)
    submitted: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    blocked: Mapped[int] = mapped_column(default=0)
    cancelled: Mapped[int] = mapped_column(default=0)
    overdue: Mapped[int] = mapped_column(default=0)
    average_progress: Mapped[Decimal] = mapped_column(sa.Numeric(5, 2), default=0)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
