"""Building blocks for the OpenAPI document.

Each feature's ``api.py`` describes its own endpoints in a module-level
``OPENAPI_PATHS`` dict built with these helpers, next to the code it
describes; ``rbtasks.api.openapi`` merges them. Request and response bodies
are pydantic models, so the document shows the same schema the endpoint
validates with, and tests check real responses against it.
"""
from pydantic import BaseModel

COMPONENTS = {}


def _register(model):
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in schema.pop("$defs", {}).items():
        COMPONENTS.setdefault(name, definition)
    COMPONENTS[model.__name__] = schema
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def ref(model):
    """A reference to a pydantic model's schema (registered on first use)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise TypeError(model)
    return _register(model)


def list_of(model):
    return {"type": "array", "items": ref(model)}


def page_of(model):
    """The envelope list endpoints answer with."""
    return _envelope(model, ["page", "per_page", "total", "pages"])


def counted_page_of(model):
    """The envelope of a list counted only up to a limit and read on by keyset
    (rbtasks.paging): ``total`` stops at the limit plus one, ``total_exact``
    says whether it did not, ``next_cursor`` reads the next page; ``page``
    and ``pages`` are there when the request numbered its page."""
    return _envelope(model, ["per_page", "total", "total_exact", "next_cursor"],
                     total_exact={"type": "boolean"},
                     next_cursor={"type": ["string", "null"]})


def _envelope(model, required, **more):
    """``{"data": [model], "meta": {page, per_page, total, pages, **more}}``."""
    numbers = {name: {"type": "integer"} for name in ("page", "per_page", "total", "pages")}
    return {
        "type": "object",
        "required": ["data", "meta"],
        "properties": {
            "data": list_of(model),
            "meta": {"type": "object", "required": required,
                     "properties": {**numbers, **more}},
        },
    }


def json_request(model):
    return {"required": True, "content": {"application/json": {"schema": ref(model)}}}


ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        }
    },
}

_ERROR_TEXT = {
    400: "Malformed request: the body is not JSON, repeats a key or is nested too deeply",
    401: "Missing or invalid token",
    403: "The token's user may not do this",
    404: "Not found, or not visible to this user",
    409: "Conflict with the current state (e.g. a stale version, or a name that must be "
         "unique saved by another request a moment ago)",
    413: "The request body exceeds the server's limit",
    414: "The address (path and query string) is too long",
    422: "Invalid fields or query arguments (e.g. a control character in one)",
}

#: What every request may be answered with (rbtasks.inputs.guard).
ANY_REQUEST_ERRORS = (414, 422)
#: What every request with a body may be answered with (rbtasks.inputs.json_body).
BODY_ERRORS = (400, 413)


def operation(summary, tag, responses, request=None, parameters=(), errors=(401,)):
    """One OpenAPI operation. ``responses`` maps status -> schema (or None).

    ``errors`` lists the statuses particular to it; those of every request
    and every body are added here, so no operation forgets them.
    """
    result = {"summary": summary, "tags": [tag], "responses": {}}
    if parameters:
        result["parameters"] = list(parameters)
    if request is not None:
        result["requestBody"] = json_request(request)
    for status, schema in responses.items():
        entry = {"description": "OK" if status < 300 else str(status)}
        if schema is not None:
            entry["content"] = {"application/json": {"schema": schema}}
        result["responses"][str(status)] = entry
    shared = ANY_REQUEST_ERRORS + (BODY_ERRORS if request is not None else ())
    for status in sorted({*errors, *shared}):
        result["responses"][str(status)] = {
            "description": _ERROR_TEXT.get(status, "Error"),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    return result


def path_id(name="id", description="Numeric id"):
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "integer"}}


def query(name, schema, description=""):
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}
