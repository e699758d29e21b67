"""The outbox: planned emails, their delivery, and the notification log."""


def init_app(app):
    """The notification log, the item page's notifications, ``flask rb deliver``."""
    from rbtasks.cli import add_commands
    from rbtasks.items.panels import add_item_panel
    from rbtasks.outbox import cli, panel, routes

    app.register_blueprint(routes.bp)
    add_item_panel(app, "outbox", panel.item_panel, "outbox/_panel.html")
    add_commands(app, cli.deliver_command)
