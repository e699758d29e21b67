"""JSON endpoints for an item's quarterly realisation (TW I–IV)."""
from flask import jsonify

from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import api_user, json_body, parse
from rbtasks.api.spec import operation, path_id, ref
from rbtasks.extensions import db
from rbtasks.items.queries import get_item
from rbtasks.realisation import services
from rbtasks.realisation.schemas import QuartersOut, QuartersUpdate, quarters_to_dict
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/items/<int:item_id>/quarters")
def get_quarters(item_id):
    item = get_item(api_user(), item_id)
    return jsonify(quarters_to_dict(item, services.quarter_rows(item)))


@routes.put("/items/<int:item_id>/quarters")
def put_quarters(item_id):
    item = get_item(api_user(), item_id)
    values = parse(QuartersUpdate, json_body())
    services.set_quarters(api_user(), item, values["quarters"], values["progress_from_quarters"],
                          values["version"], utc_now())
    db.session.commit()
    return jsonify(quarters_to_dict(item, services.quarter_rows(item)))


OPENAPI_PATHS = {
    "/items/{item_id}/quarters": {
        "parameters": [path_id("item_id")],
        "get": operation("The item's quarterly targets and realisation (TW I–IV); amounts are "
                         "decimal strings", "realisation", {200: ref(QuartersOut)},
                         errors=(401, 404)),
        "put": operation("Replace the item's quarters; quarters left out are cleared. Amounts "
                         "may be decimal strings or numbers", "realisation",
                         {200: ref(QuartersOut)}, request=QuartersUpdate,
                         errors=(400, 401, 403, 404, 409, 422)),
    },
}
