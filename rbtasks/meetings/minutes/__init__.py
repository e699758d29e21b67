"""The minutes (notulen) of a monev meeting: a printable page and a ``.docx``."""


def init_app(app):
    """The minutes page, its ``.docx`` and ``/api/v1/meetings/<id>/minutes.docx``."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.meetings.minutes import api, routes

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
