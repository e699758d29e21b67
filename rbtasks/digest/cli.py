"""``flask rb digest``: plan this week's digests, then deliver them."""
import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from rbtasks.cli import parse_now
from rbtasks.digest.run import run_weekly
from rbtasks.extensions import db


@click.command("digest")
@with_appcontext
@click.option("--now", "now_text", metavar="ISO8601",
              help="Run as of this moment (default: now); naive times are read "
                   "in RBTASKS_TIMEZONE.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; write nothing.")
@click.option("--force", is_flag=True,
              help="Plan even when today is not the week's first working day "
                   "(e.g. after the server was down); still once per week.")
def digest_command(now_text, dry_run, force):
    """Plan the weekly status digest for every leader and coordinator, then deliver it.

    It plans only on the first working day of the ISO week (Monday, or the next
    working day when Monday is a holiday) unless ``--force`` is given. Safe to
    run any number of times, from any number of processes: each recipient gets
    one digest per week.
    """
    now = parse_now(now_text)
    report = run_weekly(now, dry_run=dry_run, force=force)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    _echo_report(report)
    if report.delivery is not None:
        click.echo(report.delivery.describe())


def _echo_report(report):
    day = report.today.isoformat()
    if not report.planned_day:
        first = report.first_working_day.isoformat() if report.first_working_day else "—"
        click.echo(_("%(day)s is not the first working day of %(week)s (that is %(first)s): "
                     "no digest planned.", day=day, week=report.week, first=first))
        return
    counts = {"week": report.week, "day": day, "emails": len(report.messages),
              "already": len(report.already_planned)}
    if report.dry_run:
        click.echo(_("Digest for %(week)s on %(day)s: would plan %(emails)d emails "
                     "(%(already)d already planned this week).", **counts))
    else:
        click.echo(_("Digest for %(week)s on %(day)s: planned %(emails)d emails "
                     "(%(already)d already planned this week).", **counts))
    for message in report.messages:
        click.echo(f"  {message.email}: {message.scope} — {message.subject}")
    for email in report.already_planned:
        click.echo("  " + _("%(email)s: already planned", email=email))
