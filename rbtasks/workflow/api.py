"""POST /api/v1/items/<id>/transitions: the workflow over JSON."""
from typing import Literal

from flask import jsonify
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import api_user, json_body, parse
from rbtasks.api.spec import operation, path_id, ref
from rbtasks.extensions import db
from rbtasks.items.queries import get_item
from rbtasks.items.schemas import ItemOut, item_to_dict
from rbtasks.timeutil import utc_now
from rbtasks.workflow.rules import ACTIONS
from rbtasks.workflow.services import apply_transition

routes = ApiRoutes()


class TransitionRequest(BaseModel):
    """An action on the item; ``reason`` for block, return, cancel and reopen,
    ``note`` (the realisation note) for submit."""

    model_config = ConfigDict(extra="forbid")

    action: Literal[ACTIONS]  # type: ignore[valid-type]
    version: StrictInt
    reason: str = Field("", max_length=5000)
    note: str = Field("", max_length=5000)


@routes.post("/items/<int:item_id>/transitions")
def transition_item(item_id):
    item = get_item(api_user(), item_id)
    values = parse(TransitionRequest, json_body())
    apply_transition(api_user(), item, values["action"], values["version"], utc_now(),
                     reason=values["reason"], note=values["note"])
    db.session.commit()
    return jsonify(item_to_dict(item))


OPENAPI_PATHS = {
    "/items/{item_id}/transitions": {
        "parameters": [path_id("item_id")],
        "post": operation(
            "Move the item to another status (start, block, unblock, submit, verify, return, "
            "cancel, reopen)", "workflow", {200: ref(ItemOut)}, request=TransitionRequest,
            errors=(400, 401, 403, 404, 409, 422)),
    },
}
