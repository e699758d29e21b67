"""The outbox: planned emails, their delivery, and the notification log."""


def init_app(app):
    """The notification log (page and ``/api/v1/notifications``), the item
    page's notifications, ``flask rb deliver`` and the scheduler's delivery
    every minute."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.cli import add_commands
    from rbtasks.items.panels import add_item_panel
    from rbtasks.outbox import api, cli, jobs, panel, routes
    from rbtasks.scheduling import EVERY_MINUTE, ScheduledJob, add_scheduled_job

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_item_panel(app, "outbox", panel.item_panel, "outbox/_panel.html")
    add_commands(app, cli.deliver_command)
    add_scheduled_job(app, ScheduledJob("deliver", "deliver", jobs.delivery_job, EVERY_MINUTE))
