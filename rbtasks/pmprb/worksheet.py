"""The worksheet of an assessment: its tree with each answer, value and
score, the indexes with their grades, the target and the last official
index, and the gaps with the items made to close them.

Pages, the API and the ``.xlsx`` export all draw from :func:`worksheet`,
so they cannot disagree on a number.
"""
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from rbtasks.evidence.models import Evidence
from rbtasks.extensions import db
from rbtasks.pmprb import scoring
from rbtasks.pmprb.assessment_access import get_assessment
from rbtasks.pmprb.assessments import answers_by_indicator
from rbtasks.pmprb.models import GapItem, InstrumentNode
from rbtasks.rbindex.models import IndexScore


@dataclass
class Row:
    node: InstrumentNode
    depth: int
    answer: object  # AssessmentAnswer or None
    score: Decimal
    evaluator_score: Decimal
    evidence: list = field(default_factory=list)
    items: list = field(default_factory=list)


@dataclass
class Worksheet:
    assessment: object
    rows: list
    scores: scoring.Scores
    target: Decimal | None
    official_year: int | None
    official_index: Decimal | None
    gap_rows: list  # (scoring.Gap, [ActionItem]) most points lost first

    @property
    def components(self):
        return [row for row in self.rows if row.depth == 0]

    def row(self, code):
        return next((row for row in self.rows if row.node.code == code), None)

    @property
    def evaluated(self):
        """Whether an evaluator has answered anything yet (else the
        evaluator's index is not a 0 and a D, it is not there)."""
        return any(row.answer is not None and row.answer.evaluator_value is not None
                   for row in self.rows)


def load_worksheet(actor, assessment_id):
    return worksheet(get_assessment(actor, assessment_id))


def worksheet(assessment):
    """The worksheet of an assessment the caller may read."""
    nodes = list(db.session.scalars(
        sa.select(InstrumentNode).where(InstrumentNode.instrument_id == assessment.instrument_id)
        .order_by(InstrumentNode.position, InstrumentNode.id)))
    answers = answers_by_indicator(assessment)
    self_values = {key: answer.self_value for key, answer in answers.items()}
    evaluator_values = {key: answer.evaluator_value for key, answer in answers.items()}
    scores = scoring.score(nodes, self_values, evaluator_values)
    evidence = _evidence(answers)
    items = _items(assessment)
    depths = {}
    rows = []
    for node in nodes:
        depth = 0 if node.parent_id is None else depths.get(node.parent_id, 0) + 1
        depths[node.id] = depth
        answer = answers.get(node.id)
        rows.append(Row(node, depth, answer, scores.self_scores.get(node.id, Decimal(0)),
                        scores.evaluator_scores.get(node.id, Decimal(0)),
                        evidence.get(answer.id, []) if answer is not None else [],
                        items.get(node.id, [])))
    target, official_year, official_index = _index_records(assessment.year)
    gap_rows = [(gap, items.get(gap.indicator.id, [])) for gap in scores.gaps]
    return Worksheet(assessment, rows, scores, target, official_year, official_index, gap_rows)


def _evidence(answers):
    ids = [answer.id for answer in answers.values()]
    grouped = {}
    if not ids:
        return grouped
    for evidence in db.session.scalars(
            sa.select(Evidence).where(Evidence.answer_id.in_(ids))
            .options(selectinload(Evidence.added_by))
            .order_by(Evidence.added_at, Evidence.id)):
        grouped.setdefault(evidence.answer_id, []).append(evidence)
    return grouped


def _items(assessment):
    grouped = {}
    for link in db.session.scalars(
            sa.select(GapItem).where(GapItem.assessment_id == assessment.id)
            .options(selectinload(GapItem.item)).order_by(GapItem.item_id)):
        if link.item.deleted_at is None:
            grouped.setdefault(link.indicator_id, []).append(link.item)
    return grouped


def _index_records(year):
    """(the target set for ``year``, the year and score of the latest
    official index up to ``year``)."""
    target = db.session.scalar(sa.select(IndexScore.target).where(IndexScore.year == year))
    official = db.session.execute(
        sa.select(IndexScore.year, IndexScore.score)
        .where(IndexScore.score.is_not(None), IndexScore.year <= year)
        .order_by(IndexScore.year.desc()).limit(1)).first()
    return target, *(official if official else (None, None))
