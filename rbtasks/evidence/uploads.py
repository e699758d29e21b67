"""Evidence as an API request brings it: a link as JSON, or one file as
multipart (field ``file``) with its kind and description. Shared by every
holder's API (items, meetings, self-assessment answers), so each reads,
refuses and documents alike."""
from flask import request
from flask_babel import gettext as _

from rbtasks.api.helpers import json_body, parse
from rbtasks.api.spec import operation, ref
from rbtasks.errors import ValidationError
from rbtasks.evidence import filetypes, services
from rbtasks.evidence.schemas import FileEvidenceFields, LinkEvidenceCreate


def the_uploaded_file():
    """The request's one file in ``file``; 422 for other file fields, none, or several."""
    files = request.files.getlist("file")
    unexpected = sorted(set(request.files) - {"file"})
    if unexpected:
        raise ValidationError(_("Some fields are not valid."),
                              {name: _("Unknown field.") for name in unexpected})
    if len(files) != 1 or not files[0].filename:
        message = _("Send exactly one file in the “file” field.")
        raise ValidationError(message, {"file": message})
    return files[0]


def attach_from_request(actor, holder_kind, holder, now):
    """Attach the request's link or file to ``holder`` (flushed, not
    committed); the new evidence."""
    if request.mimetype == "multipart/form-data":
        upload = the_uploaded_file()
        values = parse(FileEvidenceFields, request.form.to_dict(flat=True))
        return services.attach_file(actor, holder_kind, holder, values["kind"],
                                    values["description"], upload.stream, upload.filename, now)
    values = parse(LinkEvidenceCreate, json_body())
    return services.attach_link(actor, holder_kind, holder, values["kind"],
                                values["description"], values["url"], now)


_MULTIPART_SCHEMA = {
    "type": "object",
    "required": ["file", "kind"],
    "additionalProperties": False,
    "properties": {
        "file": {"type": "string", "format": "binary", "description": (
            "One file. Accepted by content, and the name's extension must agree: "
            + filetypes.allowed_list_text() + ". At most RBTASKS_MAX_UPLOAD_BYTES "
            "(10 MB unless configured).")},
        "kind": FileEvidenceFields.model_json_schema()["properties"]["kind"],
        "description": FileEvidenceFields.model_json_schema()["properties"]["description"],
    },
}

_ADD_REQUEST = {
    "required": True,
    "description": "A link as JSON, or a file as multipart/form-data.",
    "content": {
        "application/json": {"schema": ref(LinkEvidenceCreate)},
        "multipart/form-data": {
            "schema": _MULTIPART_SCHEMA,
            "encoding": {"file": {"contentType": ", ".join(filetypes.ALLOWED_TYPES)}},
        },
    },
}


def add_evidence_operation(summary, tag, response, conflict=None):
    """The OpenAPI operation of a holder's ``POST …/evidence``; ``conflict``
    says when the holder's evidence can no longer change (409), if ever."""
    errors = (400, 401, 403, 404) + ((409,) if conflict else ()) + (413, 422)
    result = operation(summary, tag, {201: response}, errors=errors)
    result["requestBody"] = _ADD_REQUEST
    result["responses"]["201"]["headers"] = {"Location": {
        "description": "For a file: its download URL", "schema": {"type": "string"}}}
    if conflict:
        result["responses"]["409"]["description"] = conflict
    result["responses"]["413"]["description"] = "The request body exceeds the server's limit"
    return result
