"""run_daily: the one orchestration of the sweep command and the sweep job."""
from datetime import date

import pytest

from rbtasks.reminders.run import run_daily
from tests.reminders.conftest import messages, wita


def test_a_working_day_is_planned_committed_and_delivered(db, province, make_item, mailbox):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 24))
    report = run_daily(wita(2026, 11, 25))
    db.session.commit()
    assert report.working_day and report.by_stage == {"overdue": 1}
    assert (report.delivery.sent, report.delivery.failed) == (1, 0)
    assert [entry["to"] for entry in mailbox.received()] == [[province.owner.email]]
    assert [m.status for m in messages(db)] == ["sent"]


def test_without_delivery_the_plan_waits_in_the_outbox(db, province, make_item, mailbox):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 24))
    report = run_daily(wita(2026, 11, 25), deliver=None)
    db.session.commit()
    assert report.delivery is None and mailbox.received() == []
    assert [m.status for m in messages(db)] == ["pending"]


@pytest.mark.parametrize("day, name", [
    (date(2026, 11, 28), None),                                   # Saturday
    (date(2026, 12, 25), "Hari Raya Natal"),
])
def test_a_day_off_plans_and_sends_nothing_and_names_the_day(db, province, make_item, mailbox,
                                                             day, name):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 2))
    planner_calls = []
    report = run_daily(wita(day.year, day.month, day.day),
                       plan=lambda now: planner_calls.append(now))
    assert (report.working_day, report.day_off_name, report.delivery) == (False, name, None)
    assert planner_calls == [] and messages(db) == [] and mailbox.received() == []


def test_a_dry_run_sends_nothing(db, province, make_item, mailbox):
    make_item(owner=province.owner, pokja=province.pokja, due_date=date(2026, 11, 24))
    report = run_daily(wita(2026, 11, 25), dry_run=True)
    db.session.rollback()
    assert report.entries == 1 and report.delivery is None
    assert messages(db) == [] and mailbox.received() == []
