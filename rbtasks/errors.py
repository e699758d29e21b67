"""Domain exceptions raised by services; the edges map them to responses."""


class DomainError(Exception):
    """Base class. ``status`` is the HTTP code an edge should answer with."""

    status = 400
    code = "bad_request"

    def __init__(self, message, fields=None):
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


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
    code = "stale_version"


class InvalidTransition(Conflict):
    code = "invalid_transition"
