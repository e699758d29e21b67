"""Evidence (data dukung): links and uploaded files that show an action happened."""


def init_app(app):
    """Its pages and API, its panel on the item page, its history entries; items
    as the first holder of evidence (meetings and answers register theirs)."""
    from rbtasks.evidence import activity, api, panel, routes
    from rbtasks.evidence.holders import add_holder
    from rbtasks.evidence.itemholder import ITEM_HOLDER
    from rbtasks.api.routing import add_api_routes
    from rbtasks.items.history import add_describers
    from rbtasks.items.panels import add_item_panel

    add_holder(app, ITEM_HOLDER)
    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_item_panel(app, "evidence", panel.item_panel, "evidence/_panel.html")
    add_describers(app, activity.DESCRIBERS)
