"""JSON endpoints for one's own notices: list them, mark them read.

The same services as the notices page (rbtasks/notices/services.py).
"""
from flask import jsonify, request
from flask_babel import gettext as _

from rbtasks.api.helpers import (
    PAGE_PARAMETERS, api_user, json_body, page_args, page_envelope, parse,
)
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation, page_of, query, ref
from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.notices import services
from rbtasks.notices.schemas import MarkReadIn, MarkReadOut, NoticeOut
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


def _unread_only():
    raw = (request.args.get("unread") or "").strip().lower()
    if raw in ("", "false", "0"):
        return False
    if raw in ("true", "1"):
        return True
    raise ValidationError(_("Some filters are not valid."), {"unread": _("Use true or false.")})


@routes.get("/notifications/mine")
def list_my_notices():
    page = services.my_notices(api_user(), unread_only=_unread_only(), **page_args())
    return jsonify(page_envelope(page, NoticeOut.dump))


@routes.post("/notifications/mine/read")
def mark_my_notices_read():
    data = json_body() if request.get_data(cache=True).strip() else {}
    ids = services.clean_ids(parse(MarkReadIn, data).get("ids"))
    user = api_user()
    marked = services.mark_read(user, utc_now(), ids)
    db.session.commit()
    return jsonify({"marked": marked, "unread": services.unread_count(user)})


OPENAPI_PATHS = {
    "/notifications/mine": {
        "get": operation(
            "Your own event notices, newest first, each with its read flag",
            "notifications", {200: page_of(NoticeOut)},
            parameters=[query("unread", {"type": "boolean"}, "Only the unread ones"),
                        *PAGE_PARAMETERS],
            errors=(401, 422)),
    },
    "/notifications/mine/read": {
        "post": operation(
            "Mark your notices read: those of `ids`, or all of them when `ids` is left out "
            "(an empty body marks all)", "notifications", {200: ref(MarkReadOut)},
            request=MarkReadIn, errors=(401, 422)),
    },
}
