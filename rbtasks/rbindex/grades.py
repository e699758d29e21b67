"""The official grade bands of the RB index (PermenPANRB 26/2020).

A band covers scores above its floor up to and including its ceiling, so 90
is an A and 90.01 an AA; D starts at 0 inclusive.
"""
from decimal import Decimal, InvalidOperation
from typing import NamedTuple


class GradeBand(NamedTuple):
    grade: str
    floor: Decimal    # exclusive, except D's 0
    ceiling: Decimal  # inclusive


# Best first, as the ministry lists them.
GRADE_BANDS = (
    GradeBand("AA", Decimal(90), Decimal(100)),
    GradeBand("A", Decimal(80), Decimal(90)),
    GradeBand("BB", Decimal(70), Decimal(80)),
    GradeBand("B", Decimal(60), Decimal(70)),
    GradeBand("CC", Decimal(50), Decimal(60)),
    GradeBand("C", Decimal(30), Decimal(50)),
    GradeBand("D", Decimal(0), Decimal(30)),
)
GRADES = tuple(band.grade for band in GRADE_BANDS)


def _as_decimal(score):
    if isinstance(score, bool):
        raise TypeError("a score is a number, not a bool")
    if isinstance(score, Decimal):
        return score
    try:
        return Decimal(str(score))
    except InvalidOperation:
        raise ValueError(f"not a score: {score!r}") from None


def grade_for(score):
    """The grade (AA … D) of an index score from 0 to 100; None for no score."""
    if score is None:
        return None
    value = _as_decimal(score)
    if not Decimal(0) <= value <= Decimal(100):
        raise ValueError(f"an RB index score is between 0 and 100, not {score}")
    for band in GRADE_BANDS:
        if value > band.floor:
            return band.grade
    return "D"
