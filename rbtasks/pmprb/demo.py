"""The demo's self-assessment: the province answering the sample instrument.

:func:`seed_demo_assessment` is called by the demo seed (``flask rb
seed-demo``) once the sample instrument is loaded. It answers about two
thirds of the indicators with answers of each type as a unit would type
them, leaving the rest unanswered, so the worksheet shows an index, a
grade and gaps to turn into action items.
"""
import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.pmprb.assessments import create_assessment, save_answers
from rbtasks.pmprb.models import Assessment, InstrumentNode

# What a unit types, by answer type, in turn.
_TYPED = {
    "yes_no": ("ya", "ya", "tidak"),
    "abc": ("a", "b", "c"),
    "abcd": ("b", "a", "c"),
    "abcde": ("b", "c", "a"),
    "percent": ("62,5", "80", "45"),
    "number": None,  # scaled between the indicator's min and max
}
_NOTES = ("Sesuai SK Gubernur NTT", "Data triwulan IV", "")


def _typed(indicator, turn):
    choices = _TYPED.get(indicator.answer_type)
    if choices is None:
        low, high = indicator.answer_min or 0, indicator.answer_max or 0
        return str(low + (high - low) * 3 / 4).replace(".", ",")
    return choices[turn % len(choices)]


def seed_demo_assessment(instrument, admin, now, year=None):
    """The province's assessment of ``instrument`` for ``year`` (default:
    the instrument's), partly answered by ``admin``; the existing one when
    the demo was seeded before. Flushes; the caller commits."""
    year = year or instrument.year
    existing = db.session.scalar(sa.select(Assessment).where(
        Assessment.instrument_id == instrument.id, Assessment.year == year,
        Assessment.agency_id.is_(None)))
    if existing is not None:
        return existing
    assessment = create_assessment(admin, {"instrument_id": instrument.id, "year": year,
                                           "agency_id": None}, now)
    indicators = list(db.session.scalars(
        sa.select(InstrumentNode).where(InstrumentNode.instrument_id == instrument.id,
                                        InstrumentNode.is_indicator.is_(True))
        .order_by(InstrumentNode.position)))
    rows = [{"indicator_code": indicator.code, "self_answer": _typed(indicator, turn),
             "note": _NOTES[turn % len(_NOTES)]}
            for turn, indicator in enumerate(indicators) if turn % 3 != 2]
    save_answers(admin, assessment, rows, now)
    return assessment
