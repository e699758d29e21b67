"""How features give the scheduler their jobs.

A feature's ``init_app`` calls :func:`add_scheduled_job` with what its job
runs and when: at the reminder policy's sweep time on weekdays (the job
itself decides whether the day is worked) or every minute. The scheduler,
initialised after every feature, builds its timetable from these.
"""
from dataclasses import dataclass
from typing import Callable

AT_SWEEP_TIME = "at_sweep_time"
EVERY_MINUTE = "every_minute"
JOBS = "rbtasks.scheduled_jobs"


@dataclass(frozen=True)
class ScheduledJob:
    id: str                      # stable, so a restarted scheduler replaces, never duplicates
    name: str
    run: Callable                # run(app) -> a one-line outcome
    when: str                    # AT_SWEEP_TIME or EVERY_MINUTE
    catch_up: bool = False       # run at start when today's sweep time passed without a sweep


def add_scheduled_job(app, job):
    if job.when not in (AT_SWEEP_TIME, EVERY_MINUTE):
        raise ValueError(f"unknown schedule {job.when!r} for job {job.id!r}")
    app.extensions.setdefault(JOBS, {})[job.id] = job


def scheduled_jobs(app):
    return list(app.extensions.get(JOBS, {}).values())
