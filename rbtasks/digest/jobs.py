"""The digest's scheduler job: an edge, like ``flask rb digest``."""
import logging

from rbtasks.extensions import db
from rbtasks.timeutil import local_today, utc_now

logger = logging.getLogger("rbtasks.scheduler")


def digest_job(app, now=None, plan=None, deliver=None):
    """Plan the weekly digest and send it, on the week's first working day only.

    The trigger fires Monday to Friday at the sweep time; ``run_weekly``
    refuses every day but the first working day of the ISO week (so Tuesday
    sends when Monday is a holiday, and Monday–Friday firing never sends
    twice — the weekly key forbids it anyway). Returns a one-line outcome,
    which is also logged.
    """
    with app.app_context():
        now = now or utc_now()
        today = local_today(now)
        try:
            from rbtasks.digest.run import run_weekly
            from rbtasks.outbox.services import deliver_all_due

            report = run_weekly(now, plan=plan, deliver=deliver or deliver_all_due)
            db.session.commit()
        except Exception:
            db.session.rollback()
            logger.exception("digest for %s failed; run `flask rb digest --force` this "
                             "week to send it", today.isoformat())
            return "digest failed"
        if not report.planned_day:
            outcome = (f"digest skipped: {today.isoformat()} is not the first working "
                       f"day of {report.week}")
            logger.info(outcome)
            return outcome
        delivered = report.delivery
        outcome = (f"digest for {report.week}: planned {len(report.messages)} emails "
                   f"({len(report.already_planned)} already planned); delivery: sent "
                   f"{delivered.sent}, retried {delivered.retried}, failed {delivered.failed}, "
                   f"held {delivered.held}")
        logger.info(outcome)
        return outcome
