"""Planners that run before every delivery, registered by the features that
plan emails as things happen (the event notices' grouping).

:func:`~rbtasks.outbox.delivery.deliver_all_due` — behind ``flask rb
deliver``, the scheduler's minute job and every run that delivers — calls
:func:`run_planners` first, so the outbox never imports the features that
use it. A planner's failure is logged and rolled back; delivery goes on.
"""
import logging

from flask import current_app

from rbtasks.extensions import db

PLANNERS = "rbtasks.outbox_planners"
logger = logging.getLogger(__name__)


def add_delivery_planner(app, name, plan):
    """``plan(now)`` queues what is due (flushed); its transaction is committed here."""
    app.extensions.setdefault(PLANNERS, {})[name] = plan


def run_planners(now):
    """Run every registered planner, each in its own transaction."""
    for name, plan in current_app.extensions.get(PLANNERS, {}).items():
        try:
            plan(now)
            db.session.commit()
        except Exception:
            db.session.rollback()
            logger.exception("planning %s before delivery failed; delivering the rest", name)
