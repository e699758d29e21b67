"""The scheduler's timetable: job ids, triggers, misfire settings, catching
up a missed sweep, and following a new sweep time."""
from datetime import date, datetime, timedelta

import pytest
from apscheduler.schedulers.background import BackgroundScheduler

from rbtasks.digest.jobs import digest_job
from rbtasks.outbox.models import JobLock
from rbtasks.outbox.jobs import delivery_job
from rbtasks.reminders.jobs import sweep_job
from rbtasks.scheduler.timetable import (
    build_scheduler,
    follow_policy,
    sweep_missed_today,
    sweep_trigger,
)
from rbtasks.settings.services import save_policy
from rbtasks.workdays.calendar import WorkCalendar
from tests.scheduler.conftest import WITA, wita


def _jobs(scheduler):
    return {job.id: job for job in scheduler.get_jobs()}


def _next_fire(job, moment):
    return job.trigger.get_next_fire_time(None, moment.astimezone(WITA))


@pytest.fixture
def swept_today(db):
    """A sweep ran at 07:30 on Wednesday 25 November 2026 (no catch-up due)."""
    db.session.add(JobLock(name="sweep", last_run_at=wita(2026, 11, 25)))
    db.session.commit()


def test_the_jobs_have_stable_ids_and_safe_settings(app, swept_today):
    scheduler = build_scheduler(app, BackgroundScheduler, wita(2026, 11, 25, 10))
    jobs = _jobs(scheduler)
    assert set(jobs) == {"sweep", "deliver", "policy", "digest"}
    assert str(scheduler.timezone) == "Asia/Makassar"
    assert jobs["sweep"].func is sweep_job and jobs["deliver"].func is delivery_job
    assert jobs["sweep"].args == (app,) and jobs["deliver"].args == (app,)
    assert jobs["sweep"].misfire_grace_time == 3600
    assert jobs["digest"].func is digest_job and str(jobs["digest"].trigger) == str(jobs["sweep"].trigger)
    assert jobs["deliver"].misfire_grace_time == 60
    for job in jobs.values():
        assert job.coalesce is True and job.max_instances == 1
    # A second build replaces, never duplicates (stable ids).
    assert len(build_scheduler(app, BackgroundScheduler, wita(2026, 11, 25, 10))
               .get_jobs()) == 4


def test_the_sweep_fires_at_0730_wita_on_the_next_weekday(app, swept_today):
    sweep = _jobs(build_scheduler(app, BackgroundScheduler, wita(2026, 11, 25, 10)))["sweep"]
    friday_morning = wita(2026, 11, 27, 10)
    assert _next_fire(sweep, friday_morning) == datetime(2026, 11, 30, 7, 30, tzinfo=WITA)
    assert _next_fire(sweep, wita(2026, 11, 25, 6)) == datetime(2026, 11, 25, 7, 30, tzinfo=WITA)
    assert _next_fire(sweep, wita(2026, 11, 25, 7, 31)) == \
        datetime(2026, 11, 26, 7, 30, tzinfo=WITA)
    # 07:30 WITA is 23:30 UTC the evening before.
    assert _next_fire(sweep, friday_morning).utcoffset() == timedelta(hours=8)


def test_the_delivery_job_runs_every_minute(app, swept_today):
    deliver = _jobs(build_scheduler(app, BackgroundScheduler, wita(2026, 11, 25, 10)))["deliver"]
    start = datetime(2026, 11, 25, 10, 0, tzinfo=WITA)
    first = deliver.trigger.get_next_fire_time(None, start)
    assert deliver.trigger.get_next_fire_time(first, first) - first == timedelta(minutes=1)


def test_the_sweep_time_comes_from_the_policy(app, db, make_user, now, swept_today):
    save_policy(make_user(role="admin"), {"sweep_time": "06:45"}, now)
    db.session.commit()
    sweep = _jobs(build_scheduler(app, BackgroundScheduler, wita(2026, 11, 25, 10)))["sweep"]
    assert _next_fire(sweep, wita(2026, 11, 25, 10)) == datetime(2026, 11, 26, 6, 45, tzinfo=WITA)


def test_a_changed_sweep_time_is_followed_without_a_restart(app, db, make_user, now, swept_today):
    scheduler = build_scheduler(app, BackgroundScheduler, wita(2026, 11, 25, 10))
    scheduler.start(paused=True)
    try:
        assert follow_policy(app, scheduler) is False  # nothing changed
        save_policy(make_user(role="admin"), {"sweep_time": "08:15"}, now)
        db.session.commit()
        assert follow_policy(app, scheduler) is True
        sweep = scheduler.get_job("sweep")
        assert _next_fire(sweep, wita(2026, 11, 25, 10)) == \
            datetime(2026, 11, 26, 8, 15, tzinfo=WITA)
        assert sweep.misfire_grace_time == 3600 and len(scheduler.get_jobs()) == 4
        assert _next_fire(scheduler.get_job("digest"), wita(2026, 11, 25, 10)) == \
            datetime(2026, 11, 26, 8, 15, tzinfo=WITA)
        assert follow_policy(app, scheduler) is False
    finally:
        scheduler.shutdown(wait=False)


@pytest.mark.parametrize("moment, last_run, missed", [
    (wita(2026, 11, 25, 10), None, True),                      # never swept
    (wita(2026, 11, 25, 10), wita(2026, 11, 24, 7, 30), True),  # yesterday's only
    (wita(2026, 11, 25, 10), wita(2026, 11, 25, 7, 30), False),  # swept this morning
    (wita(2026, 11, 25, 7, 0), None, False),                   # before sweep time
    (wita(2026, 11, 28, 10), None, False),                     # Saturday
    (wita(2026, 12, 24, 10), None, False),                     # cuti bersama
])
def test_a_missed_sweep_is_caught_up_only_on_a_working_day(moment, last_run, missed):
    assert sweep_missed_today(moment, "07:30", WorkCalendar(), last_run, WITA) is missed


def test_a_scheduler_started_after_a_missed_sweep_sweeps_at_once(app, db):
    start = wita(2026, 11, 25, 9, 5)
    db.session.add(JobLock(name="sweep", last_run_at=wita(2026, 11, 24)))
    db.session.commit()
    sweep = _jobs(build_scheduler(app, BackgroundScheduler, start))["sweep"]
    assert sweep.next_run_time == start


def test_a_scheduler_started_after_todays_sweep_waits_for_tomorrow(app, swept_today):
    sweep = _jobs(build_scheduler(app, BackgroundScheduler, wita(2026, 11, 25, 9, 5)))["sweep"]
    assert getattr(sweep, "next_run_time", None) is None  # computed from the trigger at start


def test_sweep_trigger_reads_hours_and_minutes():
    trigger = sweep_trigger("16:05", WITA)
    monday = datetime(2026, 11, 30, 12, 0, tzinfo=WITA)
    assert trigger.get_next_fire_time(None, monday) == datetime(2026, 11, 30, 16, 5, tzinfo=WITA)
    assert trigger.get_next_fire_time(None, datetime(2026, 11, 28, 0, 0, tzinfo=WITA)).date() \
        == date(2026, 11, 30)
