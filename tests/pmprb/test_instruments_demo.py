"""The demo: the sample instrument, the province's assessment of it, an evaluator."""
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.demo.seed import seed_demo
from rbtasks.pmprb.models import Assessment, AssessmentAnswer, Instrument


def test_the_demo_loads_the_sample_and_answers_part_of_it(db, now):
    seed_demo(now)
    db.session.commit()

    instrument = db.session.scalar(sa.select(Instrument))
    assert instrument.is_sample and "sampel" in instrument.name
    assessment = db.session.scalar(sa.select(Assessment))
    assert (assessment.instrument_id, assessment.agency_id) == (instrument.id, None)
    answered = db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))
                                 .where(AssessmentAnswer.self_value.is_not(None)))
    assert 0 < answered < 10
    evaluators = db.session.scalars(sa.select(User.name).where(User.is_evaluator.is_(True)))
    assert list(evaluators) == ["Yohanes Seran"]

    again = seed_demo(now)
    db.session.commit()
    assert again.created["instruments"] == 0
    assert db.session.scalar(sa.select(sa.func.count(Assessment.id))) == 1
