"""Deadline extensions: asking for a new due date and deciding on it."""


def init_app(app):
    """Its pages and API, its panel on the item page, its history entries."""
    from rbtasks.deadlines import activity, api, panel, routes
    from rbtasks.api.routing import add_api_routes
    from rbtasks.items.history import add_describers
    from rbtasks.items.panels import add_item_panel

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_item_panel(app, "deadlines", panel.item_panel, "deadlines/_panel.html")
    add_describers(app, activity.DESCRIBERS, activity.NOTES)
