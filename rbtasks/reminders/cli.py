"""``flask rb sweep``: plan today's reminders, then deliver them."""
import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from rbtasks.cli import parse_now
from rbtasks.extensions import db
from rbtasks.outbox.services import deliver_all_due
from rbtasks.reminders.run import run_daily
from rbtasks.reminders.stages import EMAIL_ORDER


@click.command("sweep")
@with_appcontext
@click.option("--now", "now_text", metavar="ISO8601",
              help="Sweep as of this moment (default: now); naive times are read "
                   "in RBTASKS_TIMEZONE.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; write nothing.")
@click.option("--no-deliver", is_flag=True, help="Plan only; leave delivery to `flask rb deliver`.")
def sweep_command(now_text, dry_run, no_deliver):
    """Plan the reminders and escalations due today, then deliver them.

    Safe to run any number of times, from any number of processes: what was
    planned once is never planned again. On a day that is not a working day
    it plans and sends nothing.
    """
    now = parse_now(now_text)
    report = run_daily(now, dry_run=dry_run, deliver=None if no_deliver else deliver_all_due)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    _echo_report(report)
    if report.delivery is not None:
        click.echo(report.delivery.describe())


def _echo_report(report):
    day = report.today.isoformat()
    if not report.working_day:
        click.echo(_("%(day)s is not a working day: nothing planned, nothing sent.", day=day))
        return
    counts = {"day": day, "entries": report.entries, "emails": len(report.messages),
              "already": report.already_planned}
    if report.dry_run:
        click.echo(_("Sweep for %(day)s: would plan %(entries)d entries in %(emails)d emails "
                     "(%(already)d already planned).", **counts))
    else:
        click.echo(_("Sweep for %(day)s: planned %(entries)d entries in %(emails)d emails "
                     "(%(already)d already planned).", **counts))
    for stage in EMAIL_ORDER:
        if report.by_stage[stage]:
            click.echo(f"  {stage}: {report.by_stage[stage]}")
    for message in report.messages:
        click.echo("  " + _("%(email)s: %(count)d entries", email=message.email,
                            count=len(message.entries)))
        if report.dry_run:
            click.echo("    " + _("subject: %(subject)s", subject=message.subject))
            for entry in message.entries:
                click.echo("    - " + _("%(stage)s (period %(period)d) item %(id)d: %(title)s",
                                        stage=entry.due.stage, period=entry.due.period,
                                        id=entry.item.id, title=entry.item.title))
    if report.whatsapp:
        click.echo(_("WhatsApp: %(count)d messages.", count=len(report.whatsapp)))
    for text in report.whatsapp:
        click.echo("  " + _("%(email)s (+%(phone)s): %(count)d entries", email=text.email,
                            phone=text.phone, count=len(text.entries)))
        if report.dry_run:
            click.echo("    " + text.text)
