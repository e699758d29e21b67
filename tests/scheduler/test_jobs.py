"""The scheduler's job functions: what they call, commit, skip and log.

Fakes are passed in as arguments; the last tests run the real sweep and
delivery against the real SMTP sink."""
import logging
from datetime import date
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from rbtasks.outbox.jobs import delivery_job
from rbtasks.reminders.jobs import sweep_job
from rbtasks.settings_store.models import Setting
from rbtasks.workdays.models import CalendarOverride
from tests.scheduler.conftest import wita
from tests.smtp import text_part




def _committed_keys(db):
    """Setting keys as another connection sees them: committed rows only."""
    with db.engine.connect() as connection:
        return set(connection.scalars(sa.select(Setting.key)))


class FakeServices:
    """A sweep and a delivery that record their calls and write a row each."""

    def __init__(self, db, fail_sweep=False, sent=1):
        self.db, self.fail_sweep, self.sent = db, fail_sweep, sent
        self.calls = []

    def sweep(self, now):
        self.calls.append(("sweep", now))
        self.db.session.add(Setting(key="swept", value={}, updated_at=now))
        if self.fail_sweep:
            self.db.session.flush()
            raise RuntimeError("database went away")
        return SimpleNamespace(working_day=True, entries=3, messages=["a", "b"],
                               already_planned=1)

    def deliver(self, now):
        self.calls.append(("deliver", now))
        self.db.session.add(Setting(key="delivered", value={}, updated_at=now))
        return SimpleNamespace(as_dict=lambda: {"sent": self.sent, "retried": 0, "failed": 0,
                                                "held": 0})


@pytest.fixture
def fakes(db):
    return FakeServices(db)


@pytest.mark.real_commits  # _committed_keys reads on a connection of its own
def test_the_sweep_job_sweeps_delivers_and_commits_on_a_working_day(app, db, fakes, caplog):
    caplog.set_level(logging.INFO, logger="rbtasks.scheduler")
    now = wita(2026, 11, 25)  # Wednesday 07:30 WITA
    outcome = sweep_job(app, now=now, sweep=fakes.sweep, deliver=fakes.deliver)
    assert fakes.calls == [("sweep", now), ("deliver", now)]
    assert _committed_keys(db) == {"swept", "delivered"}
    assert outcome == ("sweep for 2026-11-25: planned 3 entries in 2 emails (1 already planned); "
                       "delivery: sent 1, retried 0, failed 0, held 0")
    assert "sweep for 2026-11-25: planned 3 entries in 2 emails" in caplog.text
    assert "delivery after the sweep: sent 1" in caplog.text


@pytest.mark.real_commits  # _committed_keys reads on a connection of its own
@pytest.mark.parametrize("day, reason", [
    (date(2026, 11, 28), "weekend"),
    (date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia"),
    (date(2026, 12, 24), "Cuti Bersama Hari Raya Natal"),
])
def test_the_sweep_job_does_nothing_on_a_day_off(app, db, fakes, caplog, day, reason):
    caplog.set_level(logging.INFO, logger="rbtasks.scheduler")
    outcome = sweep_job(app, now=wita(day.year, day.month, day.day), sweep=fakes.sweep,
                        deliver=fakes.deliver)
    assert fakes.calls == []
    assert _committed_keys(db) == set()
    assert outcome == f"sweep skipped: {day.isoformat()} is not a working day ({reason})"
    assert outcome in caplog.text


def test_the_sweep_job_follows_the_overrides(app, db, fakes, now):
    db.session.add_all([
        CalendarOverride(day=date(2026, 11, 26), working=False, name="Cuti bersama tambahan",
                         created_at=now),
        CalendarOverride(day=date(2026, 12, 24), working=True, name="Dipindah", created_at=now),
    ])
    db.session.commit()
    skipped = sweep_job(app, now=wita(2026, 11, 26), sweep=fakes.sweep, deliver=fakes.deliver)
    assert skipped.endswith("is not a working day (Cuti bersama tambahan)")
    assert fakes.calls == []
    sweep_job(app, now=wita(2026, 12, 24), sweep=fakes.sweep, deliver=fakes.deliver)
    assert [name for name, _now in fakes.calls] == ["sweep", "deliver"]


@pytest.mark.real_commits  # _committed_keys reads on a connection of its own
def test_a_failing_sweep_is_rolled_back_logged_and_not_delivered(app, db, caplog):
    caplog.set_level(logging.INFO, logger="rbtasks.scheduler")
    fakes = FakeServices(db, fail_sweep=True)
    outcome = sweep_job(app, now=wita(2026, 11, 25), sweep=fakes.sweep, deliver=fakes.deliver)
    assert outcome == "sweep failed"
    assert [name for name, _now in fakes.calls] == ["sweep"]
    assert _committed_keys(db) == set()
    failure = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert failure and "sweep for 2026-11-25 failed" in failure[0].getMessage()
    assert "database went away" in caplog.text  # the traceback is in the log


@pytest.mark.real_commits  # _committed_keys reads on a connection of its own
def test_the_delivery_job_delivers_commits_and_logs(app, db, fakes, caplog, now):
    caplog.set_level(logging.DEBUG, logger="rbtasks.scheduler")
    assert delivery_job(app, now=now, deliver=fakes.deliver) == \
        "delivery: sent 1, retried 0, failed 0, held 0"
    assert fakes.calls == [("deliver", now)]
    assert _committed_keys(db) == {"delivered"}
    assert [r.levelno for r in caplog.records if r.name == "rbtasks.scheduler"] == [logging.INFO]


def test_a_quiet_delivery_minute_is_logged_at_debug_level_only(app, db, caplog, now):
    caplog.set_level(logging.DEBUG, logger="rbtasks.scheduler")
    quiet = FakeServices(db, sent=0)
    delivery_job(app, now=now, deliver=quiet.deliver)
    assert [r.levelno for r in caplog.records if r.name == "rbtasks.scheduler"] == [logging.DEBUG]


@pytest.mark.real_commits  # _committed_keys reads on a connection of its own
def test_a_failing_delivery_is_logged_and_rolled_back(app, db, caplog, now):
    caplog.set_level(logging.INFO, logger="rbtasks.scheduler")

    def broken(moment):
        db.session.add(Setting(key="half-done", value={}, updated_at=moment))
        db.session.flush()
        raise ConnectionError("no route to the database")

    assert delivery_job(app, now=now, deliver=broken) == "delivery failed"
    assert _committed_keys(db) == set()
    assert "delivery failed; pending messages stay pending" in caplog.text


# ---- the real sweep and delivery ------------------------------------------

@pytest.fixture
def overdue_item(make_user, make_pokja, make_item):
    owner = make_user(role="member", locale="en")
    coordinator = make_user(role="coordinator")
    pokja = make_pokja(coordinators=[coordinator], members=[owner])
    # Due Monday 23 Nov 2026: on Wednesday 25th it is 2 working days overdue.
    return make_item(pokja=pokja, owner=owner, agency=owner.agency, status="in_progress",
                     due_date=date(2026, 11, 23))


def test_the_real_sweep_job_emails_the_owner_once(app, db, overdue_item, mailbox):
    now = wita(2026, 11, 25)
    outcome = sweep_job(app, now=now)
    owner_mail = mailbox.to(overdue_item.owner.email)
    assert len(owner_mail) == 1
    assert overdue_item.title in text_part(owner_mail[0])
    assert "delivery: sent" in outcome and "planned 1 entries in 1 emails" in outcome
    # A second run the same morning plans and sends nothing new.
    again = sweep_job(app, now=now)
    assert "planned 0 entries" in again and len(mailbox.to(overdue_item.owner.email)) == 1


def test_the_real_delivery_job_sends_what_the_sweep_planned(app, db, overdue_item, mailbox):
    now = wita(2026, 11, 25)
    nothing = SimpleNamespace(as_dict=lambda: {})
    sweep_job(app, now=now, deliver=lambda _now: nothing)
    assert mailbox.received() == []
    outcome = delivery_job(app, now=now)
    assert outcome.startswith("delivery: sent 1")
    assert len(mailbox.to(overdue_item.owner.email)) == 1
