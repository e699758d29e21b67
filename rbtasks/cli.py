"""The ``flask rb`` command group; features add their commands to it."""
import click
from flask.cli import AppGroup
from flask_babel import gettext as _

from rbtasks.timeutil import parse_moment, utc_now

rb = AppGroup("rb", help="rbtasks commands.")


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


# Feature modules register their commands on import.
from rbtasks.accounts import cli as _accounts_cli  # noqa: E402,F401
from rbtasks.demo import cli as _demo_cli  # noqa: E402,F401
from rbtasks.reminders import cli as _reminders_cli  # noqa: E402,F401
from rbtasks.outbox import cli as _outbox_cli  # noqa: E402,F401
from rbtasks.scheduler import cli as _scheduler_cli  # noqa: E402,F401
from rbtasks.digest import cli as _digest_cli  # noqa: E402,F401
