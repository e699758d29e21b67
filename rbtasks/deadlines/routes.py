"""Pages for deadline extensions: the forms of the item page's panel post here."""
from datetime import timedelta

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.deadlines import services
from rbtasks.deadlines.forms import ExtensionDecisionForm, ExtensionRequestForm
from rbtasks.errors import Conflict, ValidationError
from rbtasks.extensions import db
from rbtasks.items.queries import get_item
from rbtasks.timeutil import local_today, utc_now
from rbtasks.web import show_errors

bp = Blueprint("deadlines", __name__)


def _back_to(item_id):
    return redirect(url_for("items.show_item", item_id=item_id, _anchor="deadlines"))


@bp.route("/items/<int:item_id>/extensions", methods=["POST"])
@login_required
def request_extension(item_id):
    item = get_item(current_user, item_id)
    form = ExtensionRequestForm()
    now = utc_now()
    try:
        if not form.validate_on_submit():
            raise ValidationError(_("Some fields are not valid."), {})
        services.request_extension(current_user, item, form.new_due_date.data,
                                   form.reason.data, now)
    except ValidationError as error:
        db.session.rollback()
        show_errors(form, error)
        earliest = max(item.due_date + timedelta(days=1), local_today(now))
        return render_template("deadlines/request.html", form=form, item=item,
                               earliest_date=earliest), 422
    except Conflict as error:  # PermissionDenied → the 403 page
        db.session.rollback()
        flash(error.message, "error")
        return _back_to(item.id)
    db.session.commit()
    flash(_("Your request for a later due date was sent to the pokja's coordinators."), "success")
    return _back_to(item.id)


@bp.route("/extensions/<int:extension_id>/decision", methods=["POST"])
@login_required
def decide_extension(extension_id):
    extension = services.get_extension(current_user, extension_id)
    item_id = extension.item_id
    form = ExtensionDecisionForm()
    if not form.validate_on_submit() or form.approve.data == form.reject.data:
        flash(_("Choose to approve or to reject the request."), "error")
        return _back_to(item_id)
    approve = bool(form.approve.data)
    try:
        services.decide_extension(current_user, extension, approve, form.reason.data, utc_now())
    except ValidationError as error:
        db.session.rollback()
        show_errors(form, error)
        item = get_item(current_user, item_id)
        return render_template("deadlines/decide.html", form=form, item=item,
                               extension=extension), 422
    except Conflict as error:  # PermissionDenied → the 403 page
        db.session.rollback()
        flash(error.message, "error")
        return _back_to(item_id)
    db.session.commit()
    flash(_("Extension approved; the due date has moved.") if approve
          else _("Extension rejected; the due date stays."), "success")
    return _back_to(item_id)
