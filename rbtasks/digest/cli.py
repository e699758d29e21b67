"""``flask rb digest``: plan this week's digests, then deliver them."""
import click

from rbtasks.cli import rb
from rbtasks.digest.planner import plan_digests
from rbtasks.extensions import db
from rbtasks.timeutil import parse_moment, utc_now


@rb.command("digest")
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
    now = _parse_now(now_text)
    report = plan_digests(now, dry_run=dry_run, force=force)
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    _echo_report(report)
    if dry_run or not report.planned_day:
        return
    from rbtasks.outbox.services import deliver_pending

    delivery = deliver_pending(now)
    db.session.commit()
    click.echo(f"Delivery: sent {delivery.sent}, retried {delivery.retried}, "
               f"failed {delivery.failed}, held {delivery.held}")


def _parse_now(text):
    if text is None:
        return utc_now()
    try:
        return parse_moment(text)
    except (TypeError, ValueError):
        raise click.BadParameter(
            f"{text!r} is not an ISO 8601 moment such as 2026-11-30T07:30+08:00.",
            param_hint="--now",
        ) from None


def _echo_report(report):
    day = report.today.isoformat()
    if not report.planned_day:
        first = report.first_working_day.isoformat() if report.first_working_day else "none"
        click.echo(f"{day} is not the first working day of {report.week} (that is {first}): "
                   "no digest planned.")
        return
    verb = "would plan" if report.dry_run else "planned"
    click.echo(f"Digest for {report.week} on {day}: {verb} {len(report.messages)} emails "
               f"({len(report.already_planned)} already planned this week).")
    for message in report.messages:
        click.echo(f"  {message.email}: {message.scope} — {message.subject}")
    for email in report.already_planned:
        click.echo(f"  {email}: already planned")
