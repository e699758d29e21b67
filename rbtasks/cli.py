"""The ``flask rb`` command group; features add their commands to it."""
from flask.cli import AppGroup

rb = AppGroup("rb", help="rbtasks commands.")

# Feature modules register their commands on import.
from rbtasks.accounts import cli as _accounts_cli  # noqa: E402,F401
from rbtasks.demo import cli as _demo_cli  # noqa: E402,F401
from rbtasks.reminders import cli as _reminders_cli  # noqa: E402,F401
from rbtasks.outbox import cli as _outbox_cli  # noqa: E402,F401
from rbtasks.scheduler import cli as _scheduler_cli  # noqa: E402,F401
from rbtasks.digest import cli as _digest_cli  # noqa: E402,F401
