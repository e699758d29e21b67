"""The outbox's scheduler job: delivery every minute, an edge like
``flask rb deliver``."""
import logging

from rbtasks.extensions import db
from rbtasks.outbox.services import delivery_total, describe_delivery
from rbtasks.timeutil import utc_now

logger = logging.getLogger("rbtasks.scheduler")


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
        level = logging.INFO if delivery_total(report) else logging.DEBUG
        logger.log(level, outcome)
        return outcome
