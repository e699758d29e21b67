"""How features add JSON endpoints to the API.

A feature's ``api.py`` collects its endpoints on an :class:`ApiRoutes`
(decorators shaped like Flask's) with the OpenAPI description written beside
them; the feature's ``init_app`` hands both to :func:`add_api_routes`. The
``api`` feature, initialised after every other, builds the app's
``/api/v1`` blueprint from what was added. Nothing is registered by
importing a module.
"""
from dataclasses import dataclass, field

ROUTE_SETS = "rbtasks.api_routes"


@dataclass
class ApiRoutes:
    """The endpoints of one feature, in the order they were declared."""

    rules: list = field(default_factory=list)
    openapi_paths: dict = field(default_factory=dict)

    def route(self, rule, **options):
        def decorator(view):
            endpoint = options.pop("endpoint", view.__name__)
            self.rules.append((rule, endpoint, view, options))
            return view

        return decorator

    def _method(self, method, rule, **options):
        return self.route(rule, methods=[method], **options)

    def get(self, rule, **options):
        return self._method("GET", rule, **options)

    def post(self, rule, **options):
        return self._method("POST", rule, **options)

    def put(self, rule, **options):
        return self._method("PUT", rule, **options)

    def patch(self, rule, **options):
        return self._method("PATCH", rule, **options)

    def delete(self, rule, **options):
        return self._method("DELETE", rule, **options)


def add_api_routes(app, routes, openapi_paths=None):
    """Declare a feature's endpoints (and their OpenAPI paths) for ``app``."""
    if openapi_paths:
        routes.openapi_paths.update(openapi_paths)
    app.extensions.setdefault(ROUTE_SETS, []).append(routes)


def declared_route_sets(app):
    return list(app.extensions.get(ROUTE_SETS, ()))


def declared_openapi_paths(app):
    paths = {}
    for routes in declared_route_sets(app):
        paths.update(routes.openapi_paths)
    return paths
