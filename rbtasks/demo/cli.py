"""``flask rb seed-demo``: fill the database with the NTT demo province."""
import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from rbtasks.cli import parse_now
from rbtasks.demo.data import DEMO_PASSWORD
from rbtasks.demo.seed import demo_logins, has_any_user, seed_demo
from rbtasks.extensions import db


@click.command("seed-demo")
@with_appcontext
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
    now = parse_now(now_text)
    if if_empty and has_any_user():
        click.echo(_("database already has data; demo not seeded"))
        _echo_logins(demo_logins())
        return
    summary = seed_demo(now)
    db.session.commit()
    if summary.created_anything:
        counts = ", ".join(f"{count} {kind}" for kind, count in summary.created.items())
        click.echo(_("Demo data created: %(counts)s.", counts=counts))
    else:
        click.echo(_("Demo data already complete; nothing created."))
    _echo_logins(summary.logins)


def _echo_logins(logins):
    if not logins:
        return
    rows = [("ROLE", "NAME", "EMAIL", "PASSWORD")]
    rows += [(login.role, login.name, login.email,
              login.password or _("(changed by its owner)")) for login in logins]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    click.echo("\n" + _("Sign in to the demo with one of these accounts:"))
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths))
        click.echo(("  " + line).rstrip())
    click.echo("\n" + _("The other demo users' password is %(password)s too, unless changed.",
                         password=DEMO_PASSWORD))
