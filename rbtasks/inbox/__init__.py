"""Perlu tindakan: what waits for a user's action, by what they are to each item
(rbtasks/inbox/services.py). Its page, ``GET /api/v1/inbox``, and the panel the
dashboard and "My tasks" show, all from the same entries."""


def init_app(app):
    """The page and the API endpoint."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.inbox import api, routes

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
