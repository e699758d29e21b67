"""Scoring an assessment: pure arithmetic on the instrument's tree and the
answers' values, no database.

- A node that holds indicators scores ``weight × mean(values)``, an
  unanswered indicator counting 0.
- Any other node scores the sum of its children's scores.
- The index is the sum of the top level's scores, graded with the official
  bands (:func:`rbtasks.rbindex.grades.grade_for`).
- A gap is an indicator that loses points: ``(parent weight ÷ the parent's
  number of indicators) × (1 − value)``. The value is the evaluator's where
  the evaluator answered, else the unit's: the gap is what the next
  evaluation would most likely find. Gaps are ranked by points lost, most
  first (ties by code); indicators that lose nothing are not gaps.

Everything stays Decimal; rounding is for display only (:func:`rounded`).
"""
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from rbtasks.rbindex.grades import grade_for

ZERO, ONE = Decimal(0), Decimal(1)


@dataclass(frozen=True)
class Node:
    """What scoring needs of an instrument node (an ``InstrumentNode`` will do)."""

    id: int
    parent_id: int | None
    code: str
    name: str
    weight: Decimal | None
    is_indicator: bool


@dataclass(frozen=True)
class Gap:
    indicator: Node
    parent: Node
    value: Decimal | None
    points_lost: Decimal


@dataclass
class Scores:
    """The scores of every node (by id), self-assessed and the evaluator's."""

    self_scores: dict = field(default_factory=dict)
    evaluator_scores: dict = field(default_factory=dict)
    index: Decimal = ZERO
    evaluator_index: Decimal = ZERO
    gaps: list = field(default_factory=list)

    @property
    def grade(self):
        return _grade(self.index)

    @property
    def evaluator_grade(self):
        return _grade(self.evaluator_index)

    @property
    def difference(self):
        """The evaluator's index minus the self-assessed one."""
        return self.evaluator_index - self.index


def _grade(index):
    return grade_for(min(max(index, ZERO), Decimal(100)))


def score(nodes, self_values, evaluator_values):
    """Score a tree of :class:`Node` given ``{indicator id: value or None}``
    for the unit's and the evaluator's answers (missing ids are unanswered)."""
    children = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    result = Scores()
    top = children.get(None, [])
    for node in top:
        _score_node(node, children, self_values, result.self_scores)
        _score_node(node, children, evaluator_values, result.evaluator_scores)
    result.index = sum((result.self_scores[node.id] for node in top), ZERO)
    result.evaluator_index = sum((result.evaluator_scores[node.id] for node in top), ZERO)
    result.gaps = _gaps(nodes, children, self_values, evaluator_values)
    return result


def _score_node(node, children, values, scores):
    kids = children.get(node.id, [])
    indicators = [kid for kid in kids if kid.is_indicator]
    total = ZERO
    if indicators:
        answered = sum((values.get(kid.id) or ZERO for kid in indicators), ZERO)
        total += (node.weight or ZERO) * answered / len(indicators)
        for kid in indicators:
            scores[kid.id] = (node.weight or ZERO) * (values.get(kid.id) or ZERO) \
                / len(indicators)
    for kid in kids:
        if not kid.is_indicator:
            total += _score_node(kid, children, values, scores)
    scores[node.id] = total
    return total


def _gaps(nodes, children, self_values, evaluator_values):
    by_id = {node.id: node for node in nodes}
    gaps = []
    for node in nodes:
        if not node.is_indicator or node.parent_id not in by_id:
            continue
        parent = by_id[node.parent_id]
        siblings = sum(1 for kid in children[parent.id] if kid.is_indicator)
        value = evaluator_values.get(node.id)
        if value is None:
            value = self_values.get(node.id)
        lost = (parent.weight or ZERO) / siblings * (ONE - (value or ZERO))
        if lost > 0:
            gaps.append(Gap(node, parent, value, lost))
    gaps.sort(key=lambda gap: (-gap.points_lost, gap.indicator.code))
    return gaps


def rounded(number, places=2):
    """A Decimal rounded half-up for display (None stays None)."""
    if number is None:
        return None
    return Decimal(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
