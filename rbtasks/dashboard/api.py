"""The summary API: the dashboard's numbers for the token's user."""
from flask import jsonify, request

from rbtasks.api.routing import ApiRoutes
from rbtasks.api.helpers import api_user
from rbtasks.api.spec import operation, query, ref
from rbtasks.dashboard.schemas import SummaryOut
from rbtasks.dashboard.scope import filters_from_args
from rbtasks.dashboard.summary import summarise
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/summary")
def get_summary():
    pokja_ids, agency_id = filters_from_args(request.args)
    return jsonify(SummaryOut.dump(summarise(api_user(), utc_now(), pokja_ids, agency_id)))


_ID = {"type": "integer", "minimum": 1}

OPENAPI_PATHS = {
    "/summary": {
        "get": operation(
            "Headline numbers, per-pokja and per-agency breakdowns for the user's scope "
            "(leader and admin: the whole plan; coordinator: their pokja; agency head: their "
            "agency; others: their own items), optionally narrowed", "dashboard",
            {200: ref(SummaryOut)},
            parameters=[query("pokja_id", _ID, "Only this pokja (repeat for several)"),
                        query("agency_id", _ID, "Only this agency")],
            errors=(401, 422)),
    },
}
