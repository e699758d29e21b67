"""``/api/v1/pmprb/instruments``: every token reads instruments, admins load and
delete them."""
from flask import jsonify, request, url_for
from flask_babel import gettext as _

from rbtasks.api.helpers import api_user, created, json_body, no_content
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import list_of, operation, path_id, query, ref
from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.pmprb import instruments
from rbtasks.pmprb.instrument_schemas import (
    InstrumentDetail, InstrumentLoaded, InstrumentOut,
)
from rbtasks.timeutil import utc_now

routes = ApiRoutes()
_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off", ""}


@routes.get("/pmprb/instruments")
def list_instruments():
    rows = instruments.list_instruments(api_user())
    return jsonify({"data": [InstrumentOut.dump(row) for row in rows]})


@routes.get("/pmprb/instruments/<int:id>")
def get_instrument(id):
    instrument = instruments.get_instrument(api_user(), id)
    return jsonify(InstrumentDetail.dump(instruments.summary_of(instrument),
                                         instruments.instrument_tree(instrument)))


@routes.delete("/pmprb/instruments/<int:id>")
def delete_instrument(id):
    instrument = instruments.get_instrument(api_user(), id)
    instruments.delete_instrument(api_user(), instrument)
    db.session.commit()
    return no_content()


@routes.post("/pmprb/instruments")
def load_instrument():
    options = {"strict": _flag("strict"), "replace": _flag("replace"), "now": utc_now()}
    if request.mimetype == "multipart/form-data":
        upload = _file()
        loaded = instruments.load_instrument_file(api_user(), upload.stream, upload.filename,
                                                  **options)
    else:
        loaded = instruments.load_instrument(api_user(), json_body(), **options)
    db.session.commit()
    instrument = loaded.instrument
    body = InstrumentDetail.dump(instruments.summary_of(instrument),
                                 instruments.instrument_tree(instrument))
    body["warnings"] = [{"node": fault.node, "message": fault.message}
                        for fault in loaded.warnings]
    return created(body, url_for("api.get_instrument", id=instrument.id))


def _flag(name):
    value = request.args.get(name, "false").strip().lower()
    if value not in _TRUE | _FALSE:
        raise ValidationError(_("Some fields are not valid."), {name: _("Write true or false.")})
    return value in _TRUE


def _file():
    unknown = sorted(set(request.form) | (set(request.files) - {"file"}))
    if unknown:
        raise ValidationError(_("Some fields are not valid."),
                              {name: _("Unknown field.") for name in unknown})
    files = request.files.getlist("file")
    if len(files) != 1 or not files[0].filename:
        message = _("Send exactly one file in the “file” field.")
        raise ValidationError(message, {"file": message})
    return files[0]


_FLAGS = [
    query("strict", {"type": "boolean", "default": False},
          "true: a component whose parts weigh less than it is a fault, not a warning"),
    query("replace", {"type": "boolean", "default": False},
          "true: replace the instrument of the same name and year (if no assessment uses it)"),
]
_MAPPING = {
    "type": "object", "required": ["name", "year", "components"],
    "description": "The instrument file's mapping (see the README): name, year, description, "
                   "components with children or indicators",
    "properties": {"name": {"type": "string"}, "year": {"type": "integer"},
                   "description": {"type": "string"}, "is_sample": {"type": "boolean"},
                   "components": {"type": "array", "items": {"type": "object"}}},
}


def _load_operation():
    result = operation("Load an instrument from a file or a mapping (admins)", "pmprb",
                       {201: ref(InstrumentLoaded)}, parameters=_FLAGS,
                       errors=(400, 401, 403, 409, 413, 422))
    result["requestBody"] = {"required": True, "content": {
        "application/json": {"schema": _MAPPING},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"], "additionalProperties": False,
            "properties": {"file": {"type": "string", "format": "binary",
                                    "description": ".yaml, .json or .xlsx, at most 2 MB"}}}},
    }}
    result["responses"]["422"]["description"] = (
        "The file cannot be read, or the instrument has faults: ``fields`` names each node "
        "at fault (by its code) with what is wrong")
    result["responses"]["409"]["description"] = (
        "An instrument of that name and year is loaded already (or, with replace, is in use)")
    return result


def _delete_operation():
    result = operation("Delete an instrument no self-assessment uses (admins)", "pmprb",
                       {204: None}, errors=(401, 403, 404, 409))
    result["responses"]["409"]["description"] = "A self-assessment is scored on it"
    return result


OPENAPI_PATHS = {
    "/pmprb/instruments": {
        "get": operation("Every instrument, newest year first", "pmprb",
                         {200: {"type": "object", "required": ["data"],
                                "properties": {"data": list_of(InstrumentOut)}}}),
        "post": _load_operation(),
    },
    "/pmprb/instruments/{id}": {
        "parameters": [path_id()],
        "get": operation("An instrument with its tree of components and indicators", "pmprb",
                         {200: ref(InstrumentDetail)}, errors=(401, 404)),
        "delete": _delete_operation(),
    },
}
