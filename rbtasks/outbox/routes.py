"""The notification log and its resend button."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import InvalidTransition, ValidationError
from rbtasks.extensions import db
from rbtasks.outbox import services
from rbtasks.outbox.labels import CHANNEL_LABELS, MESSAGE_STATUS_LABELS, STAGE_LABELS
from rbtasks.timeutil import utc_now

bp = Blueprint("outbox", __name__)


@bp.route("/admin/notifications")
@login_required
def notification_log():
    try:
        filters, page_number, per_page = services.filters_from_args(request.args)
        errors = {}
    except ValidationError as error:
        filters, page_number, per_page = services.LogFilters(), 1, 50
        errors = error.fields
    page = services.notification_log(current_user, filters, page_number, per_page)
    return render_template("outbox/log.html", page=page, filters=filters, errors=errors,
                           statuses=MESSAGE_STATUS_LABELS, stage_labels=STAGE_LABELS,
                           channels=CHANNEL_LABELS)


@bp.route("/admin/notifications/<int:message_id>/resend", methods=["POST"])
@login_required
def resend_message(message_id):
    try:
        services.resend(current_user, message_id, utc_now())
    except InvalidTransition as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The notification will be sent again shortly."), "success")
    return redirect(url_for("outbox.notification_log"))
