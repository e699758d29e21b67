"""Exports: the item list, with the filters in force, as .xlsx and .csv."""


def init_app(app):
    """The download links' pages and the API's items.xlsx / items.csv."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.exports import api, routes

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
