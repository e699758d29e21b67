"""The reminders' scheduler job: an edge, like ``flask rb sweep``.

It opens an application context, reads the clock once, calls the one
orchestration its command calls too (``run_daily``) and commits. A failing
run is logged and rolled back; the next run plans what this one missed.
"""
import logging

from rbtasks.extensions import db
from rbtasks.outbox.services import deliver_all_due, describe_delivery
from rbtasks.reminders.run import run_daily
from rbtasks.timeutil import local_today, utc_now

logger = logging.getLogger("rbtasks.scheduler")


def sweep_job(app, now=None, sweep=None, deliver=None):
    """Plan today's reminders and send them, on working days only.

    The trigger fires Monday to Friday; holidays, cuti bersama and the
    admins' overrides are checked by ``run_daily``, against the calendar in
    the database. Returns a one-line outcome, which is also logged.
    """
    with app.app_context():
        now = now or utc_now()
        today = local_today(now)
        try:
            report = run_daily(now, plan=sweep, deliver=deliver or deliver_all_due)
            db.session.commit()
        except Exception:
            db.session.rollback()
            logger.exception("sweep for %s failed; the next run plans what it missed",
                             today.isoformat())
            return "sweep failed"
        if not report.working_day:
            outcome = (f"sweep skipped: {today.isoformat()} is not a working day "
                       f"({report.day_off_name or 'weekend'})")
            logger.info(outcome)
            return outcome
        logger.info("sweep for %s: %s", today.isoformat(), describe_sweep(report))
        logger.info("delivery after the sweep: %s", describe_delivery(report.delivery))
        return (f"sweep for {today.isoformat()}: {describe_sweep(report)}; "
                f"delivery: {describe_delivery(report.delivery)}")


def describe_sweep(report):
    if not getattr(report, "working_day", True):
        return "not a working day, nothing planned"
    return (f"planned {report.entries} entries in {len(report.messages)} emails "
            f"({report.already_planned} already planned)")
