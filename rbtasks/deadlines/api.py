"""JSON endpoints for deadline extensions (perpanjangan tenggat)."""
from flask import jsonify

from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import api_user, created, json_body, parse
from rbtasks.api.spec import list_of, operation, path_id, ref
from rbtasks.deadlines import services
from rbtasks.deadlines.schemas import (
    ExtensionCreate,
    ExtensionDecision,
    ExtensionOut,
    extension_to_dict,
)
from rbtasks.extensions import db
from rbtasks.items.queries import get_item
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/items/<int:item_id>/extensions")
def list_extensions(item_id):
    item = get_item(api_user(), item_id)
    return jsonify([extension_to_dict(r) for r in services.list_extensions(item)])


@routes.post("/items/<int:item_id>/extensions")
def request_extension(item_id):
    item = get_item(api_user(), item_id)
    values = parse(ExtensionCreate, json_body())
    request = services.request_extension(api_user(), item, values["new_due_date"],
                                         values["reason"], utc_now())
    db.session.commit()
    return created(extension_to_dict(request))


@routes.post("/extensions/<int:extension_id>/decision")
def decide_extension(extension_id):
    request = services.get_extension(api_user(), extension_id)
    values = parse(ExtensionDecision, json_body())
    services.decide_extension(api_user(), request, values["approve"], values["reason"],
                              utc_now())
    db.session.commit()
    return jsonify(extension_to_dict(request))


OPENAPI_PATHS = {
    "/items/{item_id}/extensions": {
        "parameters": [path_id("item_id")],
        "get": operation("The item's deadline-extension requests, newest first", "deadlines",
                         {200: list_of(ExtensionOut)}, errors=(401, 404)),
        "post": operation("Ask for a later due date (owner or agency head)", "deadlines",
                          {201: ref(ExtensionOut)}, request=ExtensionCreate,
                          errors=(400, 401, 403, 404, 409, 422)),
    },
    "/extensions/{extension_id}/decision": {
        "parameters": [path_id("extension_id")],
        "post": operation("Approve or reject a pending request (pokja coordinator or admin)",
                          "deadlines", {200: ref(ExtensionOut)}, request=ExtensionDecision,
                          errors=(400, 401, 403, 404, 409, 422)),
    },
}
