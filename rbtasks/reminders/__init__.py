"""Reminders and escalations: the daily sweep over open items."""


def init_app(app):
    """``flask rb sweep`` (the scheduler's sweep job is registered with the scheduler)."""
    from rbtasks.cli import add_commands
    from rbtasks.reminders import cli

    add_commands(app, cli.sweep_command)
