"""Parsing and answering at the API edge."""
from flask import g, jsonify, request
from flask_babel import gettext as _
from pydantic import ValidationError as PydanticError

from rbtasks.api.spec import query
from rbtasks.errors import BadRequest, ValidationError
from rbtasks.inputs.ids import MAX_ID, whole_number
from rbtasks.inputs.json_body import parse_json


def api_user():
    return g.api_user


def json_body():
    """The request body as a JSON object, or a 400 that says why not."""
    data = parse_json(request.get_data(cache=True))
    if not isinstance(data, dict):
        raise BadRequest(_("The body must be a JSON object."))
    return data


def parse(schema, data, partial=False):
    """Validate ``data`` with a pydantic schema; return only the fields sent.

    Type and shape errors become a 422 with a message per field.
    """
    try:
        parsed = schema.model_validate(data)
    except PydanticError as error:
        fields = {}
        for problem in error.errors():
            name = ".".join(str(part) for part in problem["loc"]) or "body"
            fields.setdefault(name, problem["msg"])
        raise ValidationError(_("Some fields are not valid."), fields) from None
    return parsed.model_dump(exclude_unset=partial)


def query_int(name, default=None, minimum=1, maximum=MAX_ID):
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        return whole_number(raw, minimum, maximum)
    except ValueError as error:
        raise ValidationError(_("Some fields are not valid."), {name: str(error)}) from None


def created(body, location=None):
    response = jsonify(body)
    response.status_code = 201
    if location:
        response.headers["Location"] = location
    return response


def no_content():
    return "", 204


def page_args(default_per_page=25):
    """``page`` and ``per_page`` from the query string (at most 100 per page)."""
    return {"page": query_int("page", 1, minimum=1, maximum=100_000),
            "per_page": query_int("per_page", default_per_page, minimum=1, maximum=100)}


def page_envelope(pagination, dump):
    """The one list envelope: ``{"data": [...], "meta": {page, per_page,
    total, pages}}`` for a page of rows, each turned into JSON by ``dump``."""
    return {
        "data": [dump(row) for row in pagination.items],
        "meta": {"page": pagination.page, "per_page": pagination.per_page,
                 "total": pagination.total, "pages": pagination.pages},
    }


def counted_page_envelope(page, dump, numbered=True):
    """The envelope of a list counted up to a limit (rbtasks.paging): ``data``
    and ``meta`` with ``per_page``, ``total``, ``total_exact`` and
    ``next_cursor``, and ``page``/``pages`` when the page was ``numbered``."""
    meta = {"per_page": page.per_page, "total": page.total, "total_exact": page.total_exact,
            "next_cursor": page.next_cursor}
    if numbered:
        meta.update(page=page.page, pages=page.pages)
    return {"data": [dump(row) for row in page.items], "meta": meta}


PAGE_PARAMETERS = (
    query("page", {"type": "integer", "minimum": 1, "maximum": 100_000}, "Page number"),
    query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}, "Rows per page"),
)
