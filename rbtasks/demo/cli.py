"""``flask rb seed-demo``: fill the database with the NTT demo province."""
import click
from flask.cli import with_appcontext
from flask_babel import gettext as _
from flask_babel import ngettext

from rbtasks.cli import parse_now
from rbtasks.demo.data import DEMO_PASSWORD
from rbtasks.demo.seed import demo_logins, has_any_user, seed_demo
from rbtasks.extensions import db
from rbtasks.roles import ROLE_LABELS

# How the summary names what was created, in the reader's language.
CREATED_LABELS = {
    "areas": lambda n: ngettext("%(num)d area of change", "%(num)d areas of change", n),
    "agencies": lambda n: ngettext("%(num)d agency", "%(num)d agencies", n),
    "users": lambda n: ngettext("%(num)d user", "%(num)d users", n),
    "pokja": lambda n: ngettext("%(num)d pokja", "%(num)d pokja", n),
    "items": lambda n: ngettext("%(num)d action item", "%(num)d action items", n),
    "evidence": lambda n: ngettext("%(num)d piece of evidence", "%(num)d pieces of evidence", n),
    "weekly snapshots": lambda n: ngettext("%(num)d week of snapshots",
                                           "%(num)d weeks of snapshots", n),
    "index scores": lambda n: ngettext("%(num)d year of the RB index",
                                       "%(num)d years of the RB index", n),
    "instruments": lambda n: ngettext("%(num)d sample self-assessment instrument",
                                      "%(num)d sample self-assessment instruments", n),
    "meetings": lambda n: ngettext("%(num)d monev meeting", "%(num)d monev meetings", n),
}


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True,
              help="Seed only when the database has no users yet.")
@click.option("--now", "now_text", metavar="ISO8601",
              help="Seed as of this moment (default: now); dates are placed around it.")
def seed_demo_command(if_empty, now_text):
    """Create the demo areas, agencies, users, pokja, action items and their history.

    Safe to run again: only what is missing is created. `make run` uses
    --if-empty so that a database someone already uses is never touched, and
    prints the demo sign-ins either way. Everything is placed relative to
    --now: deadlines, the weekly snapshots of the past eight weeks and the
    RB index up to last year.
    """
    now = parse_now(now_text)
    if if_empty and has_any_user():
        click.echo(_("database already has data; demo not seeded"))
        _echo_logins(demo_logins())
        return
    summary = seed_demo(now)
    db.session.commit()
    if summary.created_anything:
        counts = ", ".join(CREATED_LABELS[kind](count)
                           for kind, count in summary.created.items() if count)
        click.echo(_("Demo data created: %(counts)s.", counts=counts))
    else:
        click.echo(_("Demo data already complete; nothing created."))
    _echo_logins(summary.logins)


def _echo_logins(logins):
    if not logins:
        return
    rows = [(_("Role").upper(), _("Name").upper(), _("Email").upper(), _("Password").upper())]
    rows += [(str(ROLE_LABELS[login.role]), login.name, login.email,
              login.password or _("(changed by its owner)")) for login in logins]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    click.echo("\n" + _("Sign in to the demo with one of these accounts:"))
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths))
        click.echo(("  " + line).rstrip())
    click.echo("\n" + _("The other demo users' password is %(password)s too, unless changed.",
                         password=DEMO_PASSWORD))
