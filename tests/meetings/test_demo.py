"""The demo's two monev meetings: the earlier one partly followed up."""
from fractions import Fraction

import sqlalchemy as sa

from rbtasks.demo.seed import seed_demo
from rbtasks.meetings.followup import follow_up
from rbtasks.meetings.models import Meeting


def test_the_demo_has_two_meetings_the_earlier_partly_followed_up(db, now, login):
    summary = seed_demo(now)
    db.session.commit()
    assert summary.created["meetings"] == 2

    earlier, later = db.session.scalars(sa.select(Meeting).order_by(Meeting.held_at)).all()
    assert len(earlier.decisions) == 3
    assert all(decision.links for decision in earlier.decisions)
    assert follow_up(earlier).rate == Fraction(1, 3)
    assert follow_up(earlier).grade == "some"
    assert follow_up(later).rate == 0

    again = seed_demo(now)
    db.session.commit()
    assert again.created["meetings"] == 0
    assert db.session.scalar(sa.select(sa.func.count(Meeting.id))) == 2
