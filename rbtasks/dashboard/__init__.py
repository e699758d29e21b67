"""The dashboard: the plan's numbers, charts and deadlines for the user's scope."""


def init_app(app):
    """The dashboard page, ``/api/v1/summary`` and the ``number`` filter."""
    from rbtasks import dataversion
    from rbtasks.api.routing import add_api_routes
    from rbtasks.dashboard import api, routes
    from rbtasks.dashboard.aggregates import SOURCE_TABLES
    from rbtasks.dashboard.formatting import number

    dataversion.watch(*SOURCE_TABLES)
    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    app.add_template_filter(number, "number")
