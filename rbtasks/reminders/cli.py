"""``flask rb sweep``: plan today's reminders, then deliver them."""
import click

from rbtasks.cli import rb
from rbtasks.extensions import db
from rbtasks.reminders.stages import EMAIL_ORDER
from rbtasks.reminders.sweep import run_sweep
from rbtasks.timeutil import parse_moment, utc_now

_DELIVERY_LIMIT = 500


@rb.command("sweep")
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
    now = _parse_now(now_text)
    report = run_sweep(now, dry_run=dry_run)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    _echo_report(report)
    if dry_run or no_deliver or not report.working_day:
        return
    click.echo(f"Delivery: {_deliver_everything(now)}")


def _parse_now(text):
    if text is None:
        return utc_now()
    try:
        return parse_moment(text)
    except (TypeError, ValueError):
        raise click.BadParameter(
            f"{text!r} is not an ISO 8601 moment such as 2026-11-25T07:30+08:00.",
            param_hint="--now",
        ) from None


def _echo_report(report):
    day = report.today.isoformat()
    if not report.working_day:
        click.echo(f"{day} is not a working day: nothing planned, nothing sent.")
        return
    verb = "would plan" if report.dry_run else "planned"
    click.echo(f"Sweep for {day}: {verb} {report.entries} entries in "
               f"{len(report.messages)} emails ({report.already_planned} already planned).")
    for stage in EMAIL_ORDER:
        if report.by_stage[stage]:
            click.echo(f"  {stage}: {report.by_stage[stage]}")
    for message in report.messages:
        click.echo(f"  {message.email}: {len(message.entries)} entries")
        if report.dry_run:
            click.echo(f"    subject: {message.subject}")
            for entry in message.entries:
                click.echo(f"    - {entry.due.stage} (period {entry.due.period}) "
                           f"item {entry.item.id}: {entry.item.title}")


def _deliver_everything(now):
    """Deliver what is due, batch after batch, until a batch comes back short:
    a big first sweep may plan more than one delivery run takes. Rows that
    fail for now are rescheduled after ``now``, so the loop ends."""
    from rbtasks.outbox.services import deliver_pending

    totals = {}
    while True:
        delivery = deliver_pending(now, limit=_DELIVERY_LIMIT)
        db.session.commit()
        for name, count in delivery.as_dict().items():
            totals[name] = totals.get(name, 0) + count
        if delivery.total < _DELIVERY_LIMIT:
            return ", ".join(f"{name} {count}" for name, count in totals.items())
