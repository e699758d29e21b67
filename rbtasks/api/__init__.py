"""JSON API v1: bearer-token authentication and the blueprint features extend.

Feature packages define their endpoints in their own ``api.py`` on
:data:`api_bp`; :func:`register_api` imports them and registers the blueprint.
"""
from flask import Blueprint, g, request
from flask_babel import gettext as _

from rbtasks.extensions import csrf, limiter

api_bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Tokens, not cookies, authenticate the API, so there is no CSRF to guard against.
csrf.exempt(api_bp)

_PUBLIC_ENDPOINTS = {"api.openapi_document"}


@api_bp.before_request
def authenticate_bearer():
    from rbtasks.accounts.tokens import user_for_token
    from rbtasks.http_errors import json_error
    from rbtasks.timeutil import utc_now

    if request.endpoint in _PUBLIC_ENDPOINTS:
        return None
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    user = None
    if scheme.lower() == "bearer" and token.strip():
        user = user_for_token(token.strip(), now=utc_now())
    if user is None:
        response, status = json_error(401, _("A valid API token is required."))
        response.headers["WWW-Authenticate"] = 'Bearer realm="rbtasks"'
        return response, status
    g.api_user = user
    return None


FEATURE_API_MODULES = (
    "rbtasks.items.api", "rbtasks.workflow.api", "rbtasks.evidence.api",
    "rbtasks.realisation.api", "rbtasks.deadlines.api", "rbtasks.organisation.api",
    "rbtasks.accounts.api", "rbtasks.rbindex.api", "rbtasks.dashboard.api",
)


def register_api(app):
    import importlib

    from rbtasks.api import openapi as _openapi  # noqa: F401

    for name in FEATURE_API_MODULES:
        importlib.import_module(name)

    limiter.exempt(api_bp)
    app.register_blueprint(api_bp)
