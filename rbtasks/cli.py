"""The ``flask rb`` command group, which features add their commands to, and
what commands share."""
import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from rbtasks.timeutil import parse_moment, utc_now

GROUP = "rb"


def add_commands(app, *commands):
    """Add click commands (each wrapped in ``with_appcontext``) to ``flask rb``."""
    group = app.cli.commands.get(GROUP)
    if group is None:
        group = AppGroup(GROUP, help="rbtasks commands.")
        app.cli.add_command(group)
    for command in commands:
        group.add_command(command)


def parse_now(text):
    """The moment a command acts as of: ``--now`` (a naive time is read in
    RBTASKS_TIMEZONE), or the current moment when it is not given."""
    if text is None:
        return utc_now()
    try:
        return parse_moment(text)
    except (TypeError, ValueError):
        raise click.BadParameter(
            _("%(text)s is not an ISO 8601 moment such as 2026-11-25T07:30+08:00.",
              text=repr(text)),
            param_hint="--now",
        ) from None
