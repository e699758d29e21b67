"""Organisation: areas of change, agencies (Perangkat Daerah) and pokja."""


def init_app(app):
    """The admin pages and API for areas, agencies and pokja."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.organisation import api, routes

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
