"""``GET /api/v1/inbox``: the token's user's "Perlu tindakan", as on the page."""
from flask import jsonify

from rbtasks.api.helpers import api_user
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation, ref
from rbtasks.inbox.schemas import InboxOut
from rbtasks.inbox.services import needs_action
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/inbox")
def get_inbox():
    return jsonify(InboxOut.dump(needs_action(api_user(), utc_now())))


OPENAPI_PATHS = {
    "/inbox": {
        "get": operation(
            "Perlu tindakan: the items waiting for the user's action and why — to verify "
            "and extension requests to decide (coordinators of the pokja, admins), returned, "
            "due within seven days or overdue (the owner), the agency's overdue and "
            "escalated items (agency heads), items at escalation level 2 (leaders)",
            "inbox", {200: ref(InboxOut)}, errors=(401,)),
    },
}
