"""Error responses and security headers for every response.

Under ``/api/`` every error is JSON
(``{"error": {"code", "message", "fields"}}``); elsewhere it is a page.
"""
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException

from rbtasks.errors import DomainError
from rbtasks.extensions import db

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    414: "uri_too_long",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_requests",
    500: "internal_error",
}

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def wants_json():
    return request.path.startswith("/api/")


def json_error(status, message, code=None, fields=None):
    body = {"error": {"code": code or _CODES.get(status, "error"), "message": message,
                      "fields": fields or {}}}
    return jsonify(body), status


def _default_message(status):
    return {
        400: _("The request could not be understood."),
        401: _("Please sign in first."),
        403: _("You are not allowed to do that."),
        404: _("Not found."),
        405: _("That method is not allowed here."),
        409: _("That conflicts with the current state."),
        413: _("The upload is too large."),
        414: _("The address is too long."),
        429: _("Too many attempts. Please wait a minute and try again."),
        500: _("Something went wrong on our side. Please try again."),
    }.get(status, _("The request failed."))


def _page(status, message):
    return render_template("errors/error.html", status=status, message=message), status


def init_error_handlers(app):
    @app.errorhandler(DomainError)
    def domain_error(error):
        db.session.rollback()
        if wants_json():
            return json_error(error.status, error.message, error.code, error.fields)
        return _page(error.status, error.message)

    @app.errorhandler(IntegrityError)
    def integrity_error(error):
        # Two requests racing past a service's uniqueness check meet the
        # database's constraint: the loser is told, not shown a 500.
        db.session.rollback()
        message = _("That conflicts with data saved a moment ago. Reload and try again.")
        if wants_json():
            return json_error(409, message, "conflict")
        return _page(409, message)

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        message = _("The form has expired or was not sent from this site. Please try again.")
        return _page(400, message)

    @app.errorhandler(HTTPException)
    def http_error(error):
        status = error.code or 500
        message = _default_message(status)
        if wants_json():
            response, status = json_error(status, message)
            if status == 405 and error.valid_methods:
                response.headers["Allow"] = ", ".join(error.valid_methods)
            return response, status
        return _page(status, message)

    @app.errorhandler(Exception)
    def unexpected_error(error):
        db.session.rollback()
        app.logger.exception("unhandled error")
        if app.config.get("TESTING") and app.config.get("PROPAGATE_TEST_ERRORS", True):
            raise error
        if wants_json():
            return json_error(500, _default_message(500))
        return _page(500, _default_message(500))


def add_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.path.startswith("/api/") or response.mimetype == "text/html":
        headers.setdefault("Cache-Control", "no-store")
    return response


def init_app(app):
    """Errors answered as pages or JSON, and the security headers on every response."""
    init_error_handlers(app)
    app.after_request(add_security_headers)
