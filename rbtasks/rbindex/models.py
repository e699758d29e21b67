"""The province's RB index by year, as scored by the ministry."""
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime


class IndexScore(db.Model):
    """One year's RB index (0–100) and/or the target set for that year.

    The grade is computed from the score, never stored. Component scores
    follow PermenPANRB 26/2020: enablers (pengungkit, max 60) and results
    (hasil, max 40).
    """

    __tablename__ = "index_score"
    __table_args__ = (
        sa.CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_range"),
        sa.CheckConstraint("target IS NULL OR (target >= 0 AND target <= 100)", name="target_range"),
        sa.CheckConstraint("enablers IS NULL OR (enablers >= 0 AND enablers <= 60)",
                           name="enablers_range"),
        sa.CheckConstraint("results IS NULL OR (results >= 0 AND results <= 40)",
                           name="results_range"),
        sa.CheckConstraint("score IS NOT NULL OR target IS NOT NULL", name="score_or_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(unique=True)
    score: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    target: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    enablers: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    results: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 2))
    source_note: Mapped[str] = mapped_column(sa.String(500), default="")
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
