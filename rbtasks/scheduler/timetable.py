"""When the jobs run: the jobs the features registered (rbtasks/scheduling.py)
— at the policy's sweep time on weekdays, or every minute — and a watch on
the policy so a new sweep time takes effect without a restart.

Job ids are stable, so a job is replaced rather than duplicated. Every job
coalesces missed runs into one and never overlaps itself; the sweep may
start up to an hour late (a busy or suspended host) and still count.
"""
import logging
from datetime import datetime, time
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from rbtasks.extensions import db
from rbtasks.outbox.models import JobLock
from rbtasks.scheduling import AT_SWEEP_TIME, scheduled_jobs
from rbtasks.settings_store.policy import Policy, load_policy
from rbtasks.workdays.calendar import WorkCalendar

logger = logging.getLogger("rbtasks.scheduler")

POLICY_JOB = "policy"
SWEEP_GRACE_SECONDS = 3600
DELIVERY_GRACE_SECONDS = 60
SWEEP_LOCK_NAME = "sweep"  # the JobLock row the sweep stamps with last_run_at


def _clock(sweep_time):
    hour, minute = (int(part) for part in sweep_time.split(":"))
    return time(hour, minute)


def sweep_trigger(sweep_time, zone):
    """Monday to Friday at ``sweep_time`` ("HH:MM") local time; the job
    itself skips holidays, which live in the database."""
    clock = _clock(sweep_time)
    return CronTrigger(day_of_week="mon-fri", hour=clock.hour, minute=clock.minute,
                       timezone=zone)


def sweep_missed_today(now, sweep_time, calendar, last_run_at, zone):
    """True when today is a working day, its sweep time has passed, and no
    sweep has run since: the scheduler was down at sweep time, so it sweeps
    on start (safe: a sweep never plans the same reminder twice)."""
    local = now.astimezone(zone)
    if not calendar.is_working_day(local.date()):
        return False
    due = datetime.combine(local.date(), _clock(sweep_time), tzinfo=zone)
    return local >= due and (last_run_at is None or last_run_at < due)


def _starting_state(app, now, zone):
    """The policy in force and whether today's sweep was missed."""
    with app.app_context():
        try:
            policy = load_policy()
            last_run_at = db.session.scalar(
                sa.select(JobLock.last_run_at).where(JobLock.name == SWEEP_LOCK_NAME))
            missed = sweep_missed_today(now, policy.sweep_time, WorkCalendar.load(),
                                        last_run_at, zone)
        except sa.exc.SQLAlchemyError:
            # No schema yet (e.g. before `flask db upgrade`): run on the defaults.
            logger.warning("could not read the reminder policy; using the defaults",
                           exc_info=True)
            db.session.rollback()
            return Policy(), False
        db.session.rollback()
        return policy, missed


def build_scheduler(app, scheduler_class, now):
    """A scheduler of ``scheduler_class`` with the sweep, delivery and
    policy-watch jobs, in the configured time zone. Not started.

    Jobs run one at a time in a single worker thread: the sweep delivers
    what it planned itself, and a delivery run that falls due meanwhile
    waits for it instead of competing for the database.
    """
    zone = ZoneInfo(app.config["RBTASKS_TIMEZONE"])
    scheduler = scheduler_class(
        timezone=zone,
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1},
    )
    policy, missed = _starting_state(app, now, zone)
    for job in scheduled_jobs(app):
        at_sweep_time = job.when == AT_SWEEP_TIME
        extra = {}
        if at_sweep_time and job.catch_up and missed:
            logger.info("today's %s (%s) has not run yet: running it now", job.name,
                        policy.sweep_time)
            extra = {"next_run_time": now}
        trigger = (sweep_trigger(policy.sweep_time, zone) if at_sweep_time
                   else IntervalTrigger(minutes=1, timezone=zone))
        grace = SWEEP_GRACE_SECONDS if at_sweep_time else DELIVERY_GRACE_SECONDS
        scheduler.add_job(job.run, trigger, args=[app], id=job.id, name=job.name,
                          replace_existing=True, coalesce=True, max_instances=1,
                          misfire_grace_time=grace, **extra)
    scheduler.add_job(follow_policy, IntervalTrigger(minutes=1, timezone=zone),
                      args=[app, scheduler], id=POLICY_JOB, name="follow the sweep time",
                      replace_existing=True, coalesce=True, max_instances=1,
                      misfire_grace_time=DELIVERY_GRACE_SECONDS)
    return scheduler


def follow_policy(app, scheduler):
    """Move the jobs that run at the sweep time when an admin changed it on
    the settings page. Returns whether anything moved."""
    with app.app_context():
        sweep_time = load_policy().sweep_time
        db.session.rollback()
    wanted = sweep_trigger(sweep_time, scheduler.timezone)
    moved = False
    for job_id in (job.id for job in scheduled_jobs(app) if job.when == AT_SWEEP_TIME):
        job = scheduler.get_job(job_id)
        if job is None or str(job.trigger) == str(wanted):
            continue
        job = scheduler.reschedule_job(job_id, trigger=wanted)
        logger.info("%s time is now %s; next run %s", job_id, sweep_time,
                    getattr(job, "next_run_time", None))
        moved = True
    return moved


def describe_schedule(scheduler):
    """One line for the log: the jobs and their next run."""
    parts = []
    for job in scheduler.get_jobs():
        next_run = getattr(job, "next_run_time", None)
        when = next_run.strftime("%Y-%m-%d %H:%M %Z") if next_run else "paused"
        parts.append(f"{job.id} ({job.trigger}) next {when}")
    return "; ".join(parts)
