"""The self-assessment of RB (PMPRB): instruments as data, assessments, answers.

An instrument is a tree of nodes: components → sub-components → indicators
(``is_indicator``). Every node has a code unique in its instrument, a name
and a weight in points; an indicator has its question, an answer type and
the evidence it expects. An assessment answers one instrument for one year
and one scope (the province when ``agency_id`` is NULL, else an agency).
"""
from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import Agency
from rbtasks.timeutil import UTCDateTime

ANSWER_TYPES = ("yes_no", "abc", "abcd", "abcde", "percent", "number")
ANSWER_STATES = ("draft", "submitted", "reviewed")


def _in_list(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Instrument(db.Model):
    """A self-assessment instrument, e.g. "PMPRB — PermenPANRB 26/2020"."""

    __tablename__ = "pmprb_instrument"
    __table_args__ = (sa.UniqueConstraint("name", "year", name="uq_pmprb_instrument_name_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(300))
    year: Mapped[int]
    description: Mapped[str] = mapped_column(sa.Text, default="")
    is_sample: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    loaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime())

    nodes: Mapped[list["InstrumentNode"]] = relationship(
        back_populates="instrument", cascade="all, delete-orphan",
        order_by="InstrumentNode.position")

    def __repr__(self):
        return f"<Instrument {self.id} {self.name!r} {self.year}>"


class InstrumentNode(db.Model):
    """A component, sub-component or indicator of an instrument.

    ``position`` orders the whole tree depth-first as the file listed it.
    ``area_name`` (optional, inherited by the children) names the area of
    change a node serves, so a gap can become an item in that area's pokja.
    ``answer_min``/``answer_max`` scale a ``number`` answer into 0–1.
    """

    __tablename__ = "pmprb_node"
    __table_args__ = (
        sa.UniqueConstraint("instrument_id", "code", name="uq_pmprb_node_code"),
        sa.CheckConstraint("answer_type IS NULL OR " + _in_list("answer_type", ANSWER_TYPES),
                           name="answer_type_valid"),
        sa.CheckConstraint("weight IS NULL OR weight >= 0", name="weight_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(
        sa.ForeignKey("pmprb_instrument.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("pmprb_node.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    code: Mapped[str] = mapped_column(sa.String(40))
    name: Mapped[str] = mapped_column(sa.String(500), default="")
    weight: Mapped[Decimal | None] = mapped_column(sa.Numeric(9, 4))
    is_indicator: Mapped[bool] = mapped_column(default=False)
    question: Mapped[str] = mapped_column(sa.Text, default="")
    answer_type: Mapped[str | None] = mapped_column(sa.String(10))
    answer_min: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 4))
    answer_max: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 4))
    evidence_expected: Mapped[str] = mapped_column(sa.String(1000), default="")
    area_name: Mapped[str] = mapped_column(sa.String(200), default="")

    instrument: Mapped[Instrument] = relationship(back_populates="nodes")


class Assessment(db.Model):
    """One self-assessment: an instrument answered for a year and a scope."""

    __tablename__ = "pmprb_assessment"

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(
        sa.ForeignKey("pmprb_instrument.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int]
    agency_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agency.id", ondelete="RESTRICT"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    instrument: Mapped[Instrument] = relationship()
    agency: Mapped[Agency | None] = relationship()
    answers: Mapped[list["AssessmentAnswer"]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan")


class AssessmentAnswer(db.Model):
    """The answers to one indicator: the unit's own and the evaluator's.

    Each answer is kept as given (``"ya"``, ``"b"``, ``"75"``) and as its
    value from 0 to 1; unanswered is NULL and scores 0.
    """

    __tablename__ = "pmprb_answer"
    __table_args__ = (
        sa.UniqueConstraint("assessment_id", "indicator_id", name="uq_pmprb_answer_indicator"),
        sa.CheckConstraint(_in_list("state", ANSWER_STATES), name="state_valid"),
        sa.CheckConstraint("self_value IS NULL OR (self_value >= 0 AND self_value <= 1)",
                           name="self_value_range"),
        sa.CheckConstraint(
            "evaluator_value IS NULL OR (evaluator_value >= 0 AND evaluator_value <= 1)",
            name="evaluator_value_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("pmprb_assessment.id", ondelete="CASCADE"), index=True)
    indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("pmprb_node.id", ondelete="RESTRICT"), index=True)
    self_answer: Mapped[str | None] = mapped_column(sa.String(40))
    self_value: Mapped[Decimal | None] = mapped_column(sa.Numeric(7, 6))
    evaluator_answer: Mapped[str | None] = mapped_column(sa.String(40))
    evaluator_value: Mapped[Decimal | None] = mapped_column(sa.Numeric(7, 6))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    evaluator_note: Mapped[str] = mapped_column(sa.Text, default="")
    state: Mapped[str] = mapped_column(sa.String(10), default="draft")
    answered_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    reviewed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    assessment: Mapped[Assessment] = relationship(back_populates="answers")
    indicator: Mapped[InstrumentNode] = relationship()
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])


class GapItem(db.Model):
    """An action item created to close a gap of an assessment's indicator."""

    __tablename__ = "pmprb_gap_item"
    __table_args__ = (sa.UniqueConstraint("item_id", name="uq_pmprb_gap_item_item"),)

    assessment_id: Mapped[int] = mapped_column(
        sa.ForeignKey("pmprb_assessment.id", ondelete="CASCADE"), primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("pmprb_node.id", ondelete="CASCADE"), primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), primary_key=True)

    item: Mapped[ActionItem] = relationship()
