"""``flask rb scheduler``: the scheduler process."""
import click
from flask.cli import with_appcontext
import logging
import signal
import threading
import time

from flask import current_app
from flask.logging import default_handler

from rbtasks.timeutil import utc_now

logger = logging.getLogger("rbtasks.scheduler")

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@click.command("scheduler")
@with_appcontext
def scheduler_command():
    """Run the reminder scheduler in the foreground until SIGTERM or Ctrl+C.

    Sweeps at the policy's time (07:30 local by default) on working days and
    delivers pending email every minute. Run exactly one per deployment,
    beside the web server; a second one is harmless (nothing is sent twice)
    but wasted. On SIGTERM or SIGINT it lets a running job finish, then
    exits with status 0.
    """
    from apscheduler.events import EVENT_SCHEDULER_STARTED
    from apscheduler.schedulers.blocking import BlockingScheduler

    from rbtasks.scheduler.timetable import build_scheduler, describe_schedule

    app = current_app._get_current_object()
    _log_to_stderr(app)
    scheduler = build_scheduler(app, BlockingScheduler, utc_now())
    scheduler.add_listener(
        lambda _event: logger.info("scheduler started in %s: %s", scheduler.timezone,
                                   describe_schedule(scheduler)),
        EVENT_SCHEDULER_STARTED)
    signals = _StopSignals()
    threading.Thread(target=_stop_when_signalled, args=(scheduler, signals),
                     name="stop-on-signal", daemon=True).start()
    try:
        scheduler.start()  # returns once the watcher has shut it down
    finally:
        signals.restore()
    logger.info("scheduler stopped cleanly")


class _StopSignals:
    """Records the first SIGTERM or SIGINT.

    The handler only assigns an attribute: raising from a signal handler
    could be swallowed by a library's ``except`` block, and taking a lock
    there could deadlock with the interrupted code. Later signals are
    ignored while running jobs finish (SIGKILL forces an exit).
    """

    def __init__(self):
        self.received = None
        self.previous = {signum: signal.signal(signum, self._record)
                         for signum in STOP_SIGNALS}

    def _record(self, signum, _frame):
        if self.received is None:
            self.received = signal.Signals(signum).name

    def restore(self):
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)


def _stop_when_signalled(scheduler, signals, poll_seconds=0.2):
    """Wait for a stop signal, then shut the scheduler down from this thread,
    letting a running job finish."""
    while signals.received is None or not scheduler.running:
        time.sleep(poll_seconds)
    logger.info("received %s: waiting for running jobs, then stopping", signals.received)
    scheduler.shutdown(wait=True)


def _log_to_stderr(app):
    """One line per event on stderr, for journald or the container log."""
    app.logger.removeHandler(default_handler)
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # APScheduler announces every run of the minute job; ours says what happened.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
