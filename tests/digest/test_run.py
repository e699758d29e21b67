"""run_weekly: the one orchestration of the digest command and the digest job."""
from datetime import date

from rbtasks.digest.run import run_weekly
from rbtasks.workdays.models import CalendarOverride
from tests.digest.conftest import digests, wita

MONDAY = wita(2026, 11, 30)


def test_the_first_working_day_plans_commits_and_delivers(db, province, mailbox):
    report = run_weekly(MONDAY)
    db.session.commit()
    assert report.planned_day and len(report.messages) == 3
    assert report.delivery.sent == 3 and len(mailbox.received()) == 3
    assert {row.status for row in digests(db)} == {"sent"}


def test_tuesday_is_the_day_when_monday_is_off(db, province, mailbox, now):
    db.session.add(CalendarOverride(day=date(2026, 11, 30), working=False,
                                    name="Cuti bersama tambahan", created_at=now))
    db.session.commit()
    monday = run_weekly(MONDAY, plan=lambda now: None)
    assert not monday.planned_day and str(monday.first_working_day) == "2026-12-01"
    tuesday = run_weekly(wita(2026, 12, 1), deliver=None)
    db.session.commit()
    assert tuesday.planned_day and tuesday.delivery is None
    assert len(digests(db)) == 3 and mailbox.received() == []
