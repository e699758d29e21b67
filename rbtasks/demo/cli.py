"""``flask rb seed-demo``: fill the database with the NTT demo province."""
import click

from rbtasks.cli import rb
from rbtasks.demo.data import DEMO_PASSWORD
from rbtasks.demo.seed import demo_logins, has_any_user, seed_demo
from rbtasks.extensions import db
from rbtasks.timeutil import parse_moment, utc_now


@rb.command("seed-demo")
@click.option("--if-empty", is_flag=True,
              help="Seed only when the database has no users yet.")
@click.option("--now", "now_text", metavar="ISO8601",
              help="Seed as of this moment (default: now); deadlines are placed around it.")
def seed_demo_command(if_empty, now_text):
    """Create the demo areas, agencies, users, pokja and action items.

    Safe to run again: only what is missing is created. `make run` uses
    --if-empty so that a database someone already uses is never touched, and
    prints the demo sign-ins either way.
    """
    now = _parse_now(now_text)
    if if_empty and has_any_user():
        click.echo("database already has data; demo not seeded")
        _echo_logins(demo_logins())
        return
    summary = seed_demo(now)
    db.session.commit()
    if summary.created_anything:
        counts = ", ".join(f"{count} {kind}" for kind, count in summary.created.items())
        click.echo(f"Demo data created: {counts}.")
    else:
        click.echo("Demo data already complete; nothing created.")
    _echo_logins(summary.logins)


def _parse_now(text):
    if text is None:
        return utc_now()
    try:
        return parse_moment(text)
    except (TypeError, ValueError):
        raise click.BadParameter(
            f"{text!r} is not an ISO 8601 moment such as 2026-11-25T10:00+08:00.",
            param_hint="--now",
        ) from None


def _echo_logins(logins):
    if not logins:
        return
    rows = [("ROLE", "NAME", "EMAIL", "PASSWORD")]
    rows += [(login.role, login.name, login.email,
              login.password or "(changed by its owner)") for login in logins]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    click.echo("\nSign in to the demo with one of these accounts:")
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths))
        click.echo(("  " + line).rstrip())
    click.echo(f"\nThe other demo users' password is {DEMO_PASSWORD} too, unless changed.")
