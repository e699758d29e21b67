"""``POST /api/v1/imports``: import a sheet into a pokja, or try it (a dry run)."""
import json

from flask import jsonify, request
from flask_babel import gettext as _

from rbtasks.api.helpers import api_user
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation
from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.imports import services
from rbtasks.imports.mapping import FIELDS
from rbtasks.imports.upload import default_year, read_upload
from rbtasks.inputs.ids import MAX_ID, whole_number
from rbtasks.timeutil import utc_now

routes = ApiRoutes()
FORM_FIELDS = {"pokja_id", "dry_run", "mapping", "sheet", "year"}
_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off", ""}


def _invalid(name, message):
    return ValidationError(_("Some fields are not valid."), {name: message})


def _arguments():
    """pokja_id, dry_run, mapping, sheet and year from the multipart form."""
    if request.mimetype != "multipart/form-data":
        raise _invalid("file", _("Send the file as multipart/form-data."))
    unknown = sorted((set(request.form) - FORM_FIELDS) | (set(request.files) - {"file"}))
    if unknown:
        raise ValidationError(_("Some fields are not valid."),
                              {name: _("Unknown field.") for name in unknown})
    try:
        pokja_id = whole_number(request.form.get("pokja_id", ""), 1, MAX_ID)
    except ValueError as error:
        raise _invalid("pokja_id", str(error)) from None
    dry_run = request.form.get("dry_run", "false").strip().lower()
    if dry_run not in _TRUE | _FALSE:
        raise _invalid("dry_run", _("Write true or false."))
    year = request.form.get("year", "").strip()
    try:
        year = whole_number(year, 1, 9999) if year else default_year(utc_now())
    except ValueError as error:
        raise _invalid("year", str(error)) from None
    mapping = request.form.get("mapping", "").strip()
    if mapping:
        try:
            mapping = json.loads(mapping)
        except ValueError:
            raise _invalid("mapping", _("The mapping must be a JSON object "
                                        "{column header: field}.")) from None
    return {"pokja_id": pokja_id, "dry_run": dry_run in _TRUE, "mapping": mapping or None,
            "sheet": request.form.get("sheet", "").strip() or None, "year": year}


def _file():
    files = request.files.getlist("file")
    if len(files) != 1 or not files[0].filename:
        message = _("Send exactly one file in the “file” field.")
        raise ValidationError(message, {"file": message})
    return files[0]


@routes.post("/imports")
def create_import():
    arguments = _arguments()
    upload = _file()
    services.importable_pokja(api_user(), arguments["pokja_id"])
    table = read_upload(upload.stream, upload.filename, arguments["sheet"])
    report = services.run_import(api_user(), arguments["pokja_id"], table,
                                 year=arguments["year"], now=utc_now(),
                                 dry_run=arguments["dry_run"], mapping=arguments["mapping"],
                                 source=upload.filename)
    if report.applied:
        db.session.commit()
    else:
        db.session.rollback()
    return jsonify(report.to_dict())


_ERROR_ITEM = {"type": "object", "required": ["row", "column", "message"], "properties": {
    "row": {"type": "integer", "description": "The row's number in the sheet"},
    "column": {"type": "string", "description": "The column's header in the sheet"},
    "message": {"type": "string"}}}
_REPORT = {
    "type": "object",
    "required": ["dry_run", "applied", "created", "updated", "skipped", "errors", "rows",
                 "mapping"],
    "properties": {
        "dry_run": {"type": "boolean"},
        "applied": {"type": "boolean", "description": (
            "Whether the import changed anything: true unless a dry run or any error")},
        "created": {"type": "integer", "description": "Rows that make (or made) a new item"},
        "updated": {"type": "integer", "description": (
            "Rows whose item from an earlier import of the same row changes")},
        "skipped": {"type": "integer", "description": (
            "Headings, unchanged rows and rows whose item was deleted")},
        "errors": {"type": "array", "items": _ERROR_ITEM},
        "rows": {"type": "array", "items": {"type": "object", "properties": {
            "row": {"type": "integer"},
            "action": {"type": "string", "enum": ["create", "update", "skip", "error"]},
            "title": {"type": "string"}, "item_id": {"type": ["integer", "null"]},
            "reason": {"type": "string"}, "changes": {"type": "array",
                                                       "items": {"type": "string"}},
            "errors": {"type": "array", "items": {"type": "object"}}}}},
        "mapping": {"type": "object", "additionalProperties": {
            "type": ["string", "null"], "enum": [*FIELDS, None]}},
        "sheet": {"type": ["string", "null"]},
        "header_row": {"type": "integer"},
    },
}
_REQUEST = {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file", "pokja_id"], "additionalProperties": False,
    "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": ".xlsx or .csv (UTF-8 or Windows-1252, ; or ,), at most "
                                "RBTASKS_IMPORT_MAX_BYTES and 10,000 rows"},
        "pokja_id": {"type": "integer", "minimum": 1},
        "dry_run": {"type": "boolean", "default": False,
                    "description": "true: report what would happen and change nothing"},
        "mapping": {"type": "string", "description": (
            "A JSON object {column header: field} changing the proposed mapping; \"\" or "
            "null leaves a column out. Fields: " + ", ".join(FIELDS))},
        "sheet": {"type": "string", "description": "The sheet's name (default: the first)"},
        "year": {"type": "integer", "description": (
            "The plan's year, for deadlines written as quarters (default: this year)")},
    }}}}}


def _import_operation():
    result = operation("Import a rencana aksi sheet into a pokja (all rows or none)",
                       "imports", {200: _REPORT}, errors=(401, 403, 404, 413, 422))
    result["requestBody"] = _REQUEST
    result["responses"]["422"]["description"] = (
        "The file cannot be read (damaged, too big, too many rows, not a sheet), or a "
        "field or the mapping is not valid; row errors come in a 200 report instead")
    return result


OPENAPI_PATHS = {"/imports": {"post": _import_operation()}}
