"""Reports: the implementation and completion rates, and the quarterly monev report."""


def init_app(app):
    """The printable report page and ``/api/v1/reports/quarterly.xlsx``."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.reports import api, routes

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
