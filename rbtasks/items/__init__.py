"""Action items: the rows of a rencana aksi, their comments and history."""


def init_app(app):
    """The item pages and API, the history's own entries, the status labels."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.items import api, routes
    from rbtasks.items.constants import PRIORITY_LABELS, STATUS_LABELS
    from rbtasks.items.history import ITEM_DESCRIBERS, add_describers, describe, describe_note

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_describers(app, ITEM_DESCRIBERS)
    app.add_template_global(describe, "describe_activity")
    app.add_template_global(describe_note, "activity_note")
    app.context_processor(lambda: {"STATUS_LABELS": STATUS_LABELS,
                                   "PRIORITY_LABELS": PRIORITY_LABELS})
