"""Quarterly realisation (TW I–IV): targets, realisation, obstacles and follow-up."""


def init_app(app):
    """Its pages and API, its panel on the item page, its history entries."""
    from rbtasks.realisation import activity, api, panel, routes
    from rbtasks.api.routing import add_api_routes
    from rbtasks.items.history import add_describers
    from rbtasks.items.panels import add_item_panel

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_item_panel(app, "realisation", panel.item_panel, "realisation/_panel.html")
    add_describers(app, activity.DESCRIBERS, activity.NOTES)
