"""JSON endpoints for the notification log: list it, resend a failed email.

The same services as the log page (rbtasks.outbox.log), so the same readers:
admins see every email, coordinators those about their pokja's items.
"""
from flask import jsonify, request

from rbtasks.api.helpers import api_user, page_envelope
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation, page_of, path_id, query, ref
from rbtasks.extensions import db
from rbtasks.outbox import services
from rbtasks.outbox.log import MAX_RECIPIENT_FILTER
from rbtasks.outbox.models import CHANNELS, MESSAGE_STATUSES
from rbtasks.outbox.schemas import NotificationOut
from rbtasks.paging import MAX_PER_PAGE
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/notifications")
def list_notifications():
    filters, page_number, per_page = services.filters_from_args(request.args)
    page = services.notification_log(api_user(), filters, page_number, per_page)
    return jsonify(page_envelope(page, NotificationOut.dump))


@routes.post("/notifications/<int:id>/resend")
def resend_notification(id):
    services.resend(api_user(), id, utc_now())
    db.session.commit()
    return jsonify(NotificationOut.dump(services.log_row(api_user(), id)))


OPENAPI_PATHS = {
    "/notifications": {
        "get": operation(
            "The notification log, newest first (admins: every email and WhatsApp message; "
            "coordinators: those about their pokja's items)", "notifications",
            {200: page_of(NotificationOut)},
            parameters=[
                query("status", {"enum": list(MESSAGE_STATUSES)}, "Only this status"),
                query("channel", {"enum": list(CHANNELS)}, "Only emails or WhatsApp messages"),
                query("recipient", {"type": "string", "maxLength": MAX_RECIPIENT_FILTER},
                      "Text in the recipient's address, name or number, any case"),
                query("item_id", {"type": "integer", "minimum": 1},
                      "Only emails about this action item"),
                query("page", {"type": "integer", "minimum": 1}, "Page number"),
                query("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
                      "Rows per page (50 unless given)"),
            ],
            errors=(401, 403, 422)),
    },
    "/notifications/{id}/resend": {
        "parameters": [path_id()],
        "post": operation(
            "Queue a failed or held message again: pending, due now (WhatsApp: not before "
            "the quiet hours end), same Message-ID",
            "notifications", {200: ref(NotificationOut)}, errors=(401, 403, 404, 409)),
    },
}
