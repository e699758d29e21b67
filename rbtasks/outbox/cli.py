"""``flask rb deliver``: send what the outbox holds that is due."""
import click
from flask_babel import gettext as _

from rbtasks.cli import rb
from rbtasks.extensions import db
from rbtasks.outbox.services import deliver_pending
from rbtasks.timeutil import parse_moment, utc_now


def _moment(_context, _param, text):
    if text is None:
        return None
    try:
        return parse_moment(text)
    except (TypeError, ValueError):
        raise click.BadParameter(_(
            "%(text)s is not an ISO 8601 moment such as 2026-11-25T07:30+08:00.", text=repr(text)
        )) from None


@rb.command("deliver")
@click.option("--now", "now", metavar="ISO8601", callback=_moment,
              help="Deliver as of this moment (default: now); naive times are read "
                   "in RBTASKS_TIMEZONE.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=500, show_default=True,
              help="Send at most this many messages in this run.")
def deliver_command(now, limit):
    """Send the pending emails that are due, and retry those whose retry time has come.

    Safe beside the scheduler and other deliver runs: each message is claimed
    by one process before it is sent. Failures are counted, not fatal: the
    command exits 0 and the notification log shows what failed and why.
    """
    report = deliver_pending(now or utc_now(), limit=limit)
    db.session.commit()
    click.echo(_("Sent %(sent)d, retried %(retried)d, failed %(failed)d, held %(held)d.",
                 **report.as_dict()))
    if report.held:
        click.echo(_("No mail server is configured (MAIL_SERVER): held messages stay in "
                     "the outbox."))
