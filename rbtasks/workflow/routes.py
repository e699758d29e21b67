"""The transition buttons of the item page."""
from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import Conflict, ValidationError
from rbtasks.extensions import db
from rbtasks.items.queries import get_item
from rbtasks.timeutil import utc_now
from rbtasks.workflow.forms import TransitionForm
from rbtasks.workflow.services import apply_transition

bp = Blueprint("workflow", __name__)


@bp.route("/items/<int:item_id>/transitions", methods=["POST"])
@login_required
def transition(item_id):
    item = get_item(current_user, item_id)
    form = TransitionForm()
    back = url_for("items.show_item", item_id=item.id, _anchor="workflow")
    if not form.validate_on_submit():
        flash(_("The form could not be read. Please try again."), "error")
        return redirect(back)
    try:
        version = int(form.version.data)
    except (TypeError, ValueError):
        version = None
    try:
        apply_transition(current_user, item, form.action.data, version, utc_now(),
                         reason=form.reason.data, note=form.note.data)
    except (Conflict, ValidationError) as error:  # PermissionDenied → the 403 page
        db.session.rollback()
        flash(" ".join([error.message, *error.fields.values()]), "error")
        return redirect(back), 303
    db.session.commit()
    flash(_("Status changed."), "success")
    return redirect(back)
