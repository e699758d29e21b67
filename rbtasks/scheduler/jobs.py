"""The scheduler's jobs: the daily sweep and the minute-by-minute delivery.

Each job is an edge, like a command: it opens an application context, reads
the clock once, calls the job's one orchestration (the same one its command
calls) and commits. The orchestrations are imported when the job runs, and
the planner and the delivery may be passed in instead, so the jobs can be
exercised with small fakes. A failing job is logged and rolled back; the
scheduler carries on, and the next run picks up what this one missed (the
sweep and delivery are both safe to run again).
"""
import logging

from rbtasks.extensions import db
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
            from rbtasks.outbox.services import deliver_all_due
            from rbtasks.reminders.run import run_daily

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


def delivery_job(app, now=None, deliver=None):
    """Send what is pending and due (first attempts and retries).

    Runs every minute; a quiet minute is logged at DEBUG level only.
    """
    with app.app_context():
        now = now or utc_now()
        try:
            if deliver is None:
                from rbtasks.outbox.services import deliver_all_due as deliver
            report = deliver(now)
            db.session.commit()
        except Exception:
            db.session.rollback()
            logger.exception("delivery failed; pending messages stay pending")
            return "delivery failed"
        outcome = f"delivery: {describe_delivery(report)}"
        level = logging.INFO if _delivery_total(report) else logging.DEBUG
        logger.log(level, outcome)
        return outcome


def describe_sweep(report):
    if not getattr(report, "working_day", True):
        return "not a working day, nothing planned"
    return (f"planned {report.entries} entries in {len(report.messages)} emails "
            f"({report.already_planned} already planned)")


def _delivery_counts(report):
    as_dict = getattr(report, "as_dict", None)
    return as_dict() if callable(as_dict) else {}


def _delivery_total(report):
    return sum(value for value in _delivery_counts(report).values() if isinstance(value, int))


def describe_delivery(report):
    counts = _delivery_counts(report)
    return ", ".join(f"{name} {value}" for name, value in counts.items()) or "nothing to do"
