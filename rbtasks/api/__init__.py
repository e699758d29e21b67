"""JSON API v1 under ``/api/v1``: bearer-token authentication and the
blueprint built from the endpoints every feature declared.

Features declare endpoints with :mod:`rbtasks.api.routing`; the accounts
feature supplies the function that turns a token into a user
(:func:`set_token_authenticator`). :func:`init_app` runs after every other
feature and registers the blueprint.
"""
from flask import Blueprint, current_app, g, request
from flask_babel import gettext as _

from rbtasks.api.openapi import routes as openapi_routes
from rbtasks.api.routing import declared_route_sets
from rbtasks.extensions import csrf, limiter
from rbtasks.http_errors import json_error
from rbtasks.timeutil import utc_now

AUTHENTICATOR = "rbtasks.api_authenticator"
PUBLIC_ENDPOINTS = {"api.openapi_document"}


def set_token_authenticator(app, authenticate):
    """``authenticate(token, now)`` returns the token's active user or None."""
    app.extensions[AUTHENTICATOR] = authenticate


def init_app(app):
    """Build this app's API blueprint from the declared endpoints and register it."""
    blueprint = Blueprint("api", __name__, url_prefix="/api/v1")
    blueprint.before_request(authenticate_bearer)
    for routes in (openapi_routes, *declared_route_sets(app)):
        for rule, endpoint, view, options in routes.rules:
            blueprint.add_url_rule(rule, endpoint, view, **options)
    # Tokens, not cookies, authenticate the API, so there is no CSRF to guard against.
    csrf.exempt(blueprint)
    limiter.exempt(blueprint)
    app.register_blueprint(blueprint)


def authenticate_bearer():
    if request.endpoint in PUBLIC_ENDPOINTS:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    user = None
    authenticate = current_app.extensions.get(AUTHENTICATOR)
    if authenticate and scheme.lower() == "bearer" and token.strip():
        user = authenticate(token.strip(), now=utc_now())
    if user is None:
        response, status = json_error(401, _("A valid API token is required."))
        response.headers["WWW-Authenticate"] = 'Bearer realm="rbtasks"'
        return response, status
    g.api_user = user
    return None
