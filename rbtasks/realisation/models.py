"""Quarterly targets and realisation (TW I–IV) of an action item."""
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from rbtasks.extensions import db


class QuarterRealisation(db.Model):
    """Target and realisation for one quarter (triwulan) of the item's year,
    with the obstacles met (kendala) and the follow-up plan (solusi / rencana
    tindak lanjut)."""

    __tablename__ = "quarter_realisation"
    __table_args__ = (
        sa.UniqueConstraint("item_id", "quarter", name="uq_quarter_realisation_item_quarter"),
        sa.CheckConstraint("quarter BETWEEN 1 AND 4", name="quarter_range"),
        sa.CheckConstraint("target IS NULL OR target >= 0", name="target_positive"),
        sa.CheckConstraint("realisation IS NULL OR realisation >= 0", name="realisation_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    quarter: Mapped[int]
    target: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    realisation: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    obstacles: Mapped[str] = mapped_column(sa.Text, default="")
    follow_up: Mapped[str] = mapped_column(sa.Text, default="")
