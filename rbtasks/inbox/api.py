"""``GET /api/v1/inbox``: the token's user's "Perlu tindakan", as on the page:
all of it, or one page of it with its total when ``page`` or ``per_page`` is given."""
from flask import jsonify, request

from rbtasks.api.helpers import PAGE_PARAMETERS, api_user, page_args, page_envelope
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation, page_of
from rbtasks.inbox.schemas import InboxEntryOut, InboxOut, dump_entry
from rbtasks.inbox.services import PER_PAGE, needs_action, needs_action_page
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/inbox")
def get_inbox():
    if "page" in request.args or "per_page" in request.args:
        page = needs_action_page(api_user(), utc_now(), **page_args(PER_PAGE))
        return jsonify(page_envelope(page, dump_entry))
    return jsonify(InboxOut.dump(needs_action(api_user(), utc_now())))


OPENAPI_PATHS = {
    "/inbox": {
        "get": operation(
            "Perlu tindakan: the items waiting for the user's action and why — to verify "
            "and extension requests to decide (coordinators of the pokja, admins), returned, "
            "due within seven days or overdue (the owner), the agency's overdue and "
            "escalated items (agency heads), items at escalation level 2 (leaders). All of "
            "them, the most urgent first; with page or per_page, that page of them and "
            "meta (page, per_page, total, pages)",
            "inbox", {200: {**page_of(InboxEntryOut), "required": ["data"]}},
            parameters=PAGE_PARAMETERS, errors=(401, 422)),
    },
}
