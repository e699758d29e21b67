"""Domain exceptions raised by services; the edges map them to responses."""
from flask_babel import gettext as _


class DomainError(Exception):
    """Base class. ``status`` is the HTTP code an edge should answer with."""

    status = 400
    code = "bad_request"

    def __init__(self, message, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class BadRequest(DomainError):
    """A request that cannot be read at all (e.g. a body that is not JSON)."""


class ValidationError(DomainError):
    status = 422
    code = "validation_error"


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class StaleVersion(Conflict):
    """The actor's copy is older than what is stored: one message everywhere."""

    code = "stale_version"

    def __init__(self, message=None, fields=None):
        super().__init__(message or _("Someone else changed this item while you were editing "
                                      "it. Reload it to see their changes, then try again."),
                         fields)


class InvalidTransition(Conflict):
    code = "invalid_transition"
