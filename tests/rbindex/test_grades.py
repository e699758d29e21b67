"""The official grade bands: AA >90, A >80–90, BB >70–80, B >60–70, CC >50–60, C >30–50, D 0–30."""
from decimal import Decimal

import pytest

from rbtasks.rbindex.grades import grade_for


@pytest.mark.parametrize("score, grade", [
    (100, "AA"), (Decimal("90.01"), "AA"), (90, "A"), (Decimal("80.01"), "A"), (80, "BB"),
    (71, "BB"), (Decimal("70.01"), "BB"), (70, "B"), (Decimal("61.65"), "B"),
    (Decimal("60.37"), "B"), (Decimal("60.15"), "B"), (60.01, "B"), (60, "CC"),
    (Decimal("50.01"), "CC"), (50, "C"), (Decimal("30.01"), "C"), (30, "D"), (0, "D"),
])
def test_grade_bands(score, grade):
    assert grade_for(score) == grade


def test_no_score_has_no_grade():
    assert grade_for(None) is None


@pytest.mark.parametrize("score", [-0.01, 100.01, True])
def test_scores_outside_the_scale_are_a_programming_error(score):
    with pytest.raises((ValueError, TypeError)):
        grade_for(score)
