"""The scheduler: the daily sweep and minute-by-minute delivery.

In production it is its own process, ``flask rb scheduler`` (rbtasks/scheduler/cli.py),
one per deployment beside the web server. The web process starts none,
except with ``RBTASKS_SCHEDULER=inline`` — the ``make run`` demo — where
:func:`init_scheduler` starts one background scheduler in the process that
serves requests.
"""
import atexit
import logging
import os
import threading

import click
from flask.helpers import get_debug_flag
from flask.logging import default_handler, has_level_handler

logger = logging.getLogger("rbtasks.scheduler")

INLINE = "inline"

# The process's inline scheduler. create_app may run more than once in a
# process (tests, a shell); the first inline app keeps the one scheduler.
_inline_scheduler = None
_inline_lock = threading.Lock()


def init_app(app):
    """``flask rb scheduler``, and the inline scheduler of the demo."""
    from rbtasks.cli import add_commands
    from rbtasks.scheduler import cli

    add_commands(app, cli.scheduler_command)
    init_scheduler(app)


def init_scheduler(app):
    """Start the inline scheduler when ``RBTASKS_SCHEDULER=inline``, at most
    one per process, and never in a process that does not serve requests.
    Returns the running scheduler, or None."""
    mode = (app.config.get("RBTASKS_SCHEDULER") or "").strip().lower()
    if mode not in ("", INLINE):
        raise RuntimeError(f"RBTASKS_SCHEDULER must be empty or 'inline', not {mode!r}.")
    if mode != INLINE or not _serves_requests():
        return None
    global _inline_scheduler
    with _inline_lock:
        if _inline_scheduler is None:
            from apscheduler.schedulers.background import BackgroundScheduler

            from rbtasks.scheduler.timetable import build_scheduler, describe_schedule
            from rbtasks.timeutil import utc_now

            _log_jobs_at_info()
            scheduler = build_scheduler(app, BackgroundScheduler, utc_now())
            scheduler.start()
            atexit.register(stop_inline_scheduler)
            _inline_scheduler = scheduler
            logger.info("inline scheduler started: %s", describe_schedule(scheduler))
    return _inline_scheduler


def inline_scheduler():
    """The running inline scheduler, or None."""
    return _inline_scheduler


def stop_inline_scheduler(wait=True):
    """Stop the inline scheduler (at exit, and in tests)."""
    global _inline_scheduler
    with _inline_lock:
        scheduler, _inline_scheduler = _inline_scheduler, None
    if scheduler is not None and scheduler.running:
        scheduler.shutdown(wait=wait)


def _log_jobs_at_info():
    """Show what the jobs did on the console of ``flask run``."""
    logger.setLevel(logging.INFO)
    if not has_level_handler(logger):
        # Nothing configured logging: print on stderr, as Flask does for the app.
        logger.addHandler(default_handler)
        logger.propagate = False


def _serves_requests():
    """False in a process that loads the app without serving it: a ``flask``
    command other than ``run``, and the watcher process of ``flask run``'s
    reloader (its child, marked by WERKZEUG_RUN_MAIN, serves)."""
    if os.environ.get("WERKZEUG_RUN_MAIN") == "true":
        return True
    context = click.get_current_context(silent=True)
    if context is None:
        return True  # imported by a WSGI server, or built by a test
    if context.command.name != "run":
        return False
    reload = context.params.get("reload")
    return not (get_debug_flag() if reload is None else reload)
