"""The province's RB index by year: records, grades and the admin page."""


def init_app(app):
    """The index admin page and ``/api/v1/index-scores``."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.rbindex import api, routes

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
