"""NTT-shaped demo data for trying rbtasks out."""


def init_app(app):
    """``flask rb seed-demo``."""
    from rbtasks.cli import add_commands
    from rbtasks.demo import cli

    add_commands(app, cli.seed_demo_command)
