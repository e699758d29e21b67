"""JSON endpoints for evidence: list, add (a link as JSON or a file as multipart),
remove, download."""
from flask import jsonify

from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import api_user, created, no_content
from rbtasks.api.spec import list_of, operation, path_id, ref
from rbtasks.evidence import filetypes, services
from rbtasks.evidence.download import file_response
from rbtasks.evidence.schemas import EvidenceOut, evidence_to_dict
from rbtasks.evidence.uploads import add_evidence_operation, attach_from_request
from rbtasks.extensions import db
from rbtasks.items.queries import get_item
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/items/<int:item_id>/evidence")
def list_evidence(item_id):
    item = get_item(api_user(), item_id)
    return jsonify([evidence_to_dict(e) for e in services.list_evidence(api_user(), item)])


@routes.post("/items/<int:item_id>/evidence")
def add_evidence(item_id):
    item = get_item(api_user(), item_id)
    evidence = attach_from_request(api_user(), "item", item, utc_now())
    db.session.commit()
    body = evidence_to_dict(evidence)
    return created(body, body["download_url"])  # a file's Location is its download


@routes.delete("/evidence/<int:evidence_id>")
def remove_evidence(evidence_id):
    services.remove_evidence(api_user(), evidence_id, utc_now())
    db.session.commit()
    return no_content()


@routes.get("/evidence/<int:evidence_id>/download")
def download_evidence(evidence_id):
    evidence, path = services.evidence_for_download(api_user(), evidence_id)
    return file_response(evidence, path)


def _download_operation():
    result = operation("Download an evidence file (as an attachment)", "evidence", {200: None},
                       errors=(401, 404))
    result["responses"]["200"]["content"] = {
        content_type: {"schema": {"type": "string", "format": "binary"}}
        for content_type in filetypes.ALLOWED_TYPES
    }
    result["responses"]["404"]["description"] = (
        "Not found, not visible to this user, or a link (links have no file)")
    return result


def _remove_operation():
    result = operation("Remove a piece of evidence and its file", "evidence", {204: None},
                       errors=(401, 403, 404, 409))
    result["responses"]["409"]["description"] = "The item is done"
    return result


_EVIDENCE_ID = path_id("evidence_id")

OPENAPI_PATHS = {
    "/items/{item_id}/evidence": {
        "parameters": [path_id("item_id")],
        "get": operation("The item's evidence (data dukung), oldest first", "evidence",
                         {200: list_of(EvidenceOut)}, errors=(401, 404)),
        "post": add_evidence_operation("Add evidence: a link (JSON) or a file (multipart)",
                                       "evidence", ref(EvidenceOut),
                                       "The item is done or cancelled"),
    },
    "/evidence/{evidence_id}": {
        "parameters": [_EVIDENCE_ID],
        "delete": _remove_operation(),
    },
    "/evidence/{evidence_id}/download": {
        "parameters": [_EVIDENCE_ID],
        "get": _download_operation(),
    },
}
