"""The weekly digest for the RB team leader and the pokja coordinators."""


def init_app(app):
    """``flask rb digest``."""
    from rbtasks.cli import add_commands
    from rbtasks.digest import cli

    add_commands(app, cli.digest_command)
