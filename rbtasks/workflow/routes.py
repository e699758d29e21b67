"""The transition buttons of the item page."""
from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import Conflict, ValidationError
from rbtasks.extensions import db
from rbtasks.items.page import FailedForm, render_item_page
from rbtasks.items.queries import get_item
from rbtasks.timeutil import utc_now
from rbtasks.workflow.forms import TransitionForm
from rbtasks.workflow.services import allowed_actions, apply_transition

bp = Blueprint("workflow", __name__)


@bp.route("/items/<int:item_id>/transitions", methods=["POST"])
@login_required
def transition(item_id):
    item = get_item(current_user, item_id)
    form = TransitionForm()
    if not form.validate_on_submit():
        flash(_("The form could not be read. Please try again."), "error")
        return redirect(url_for("items.show_item", item_id=item.id, _anchor="workflow"))
    try:
        version = int(form.version.data)
    except (TypeError, ValueError):
        version = None
    try:
        apply_transition(current_user, item, form.action.data, version, utc_now(),
                         reason=form.reason.data, note=form.note.data)
    except (Conflict, ValidationError) as error:  # PermissionDenied → the 403 page
        db.session.rollback()
        return render_item_page(current_user, item, utc_now(), status=error.status,
                                failed=_failed_transition(item, form, error))
    db.session.commit()
    flash(_("Status changed."), "success")
    return redirect(url_for("items.show_item", item_id=item.id, _anchor="workflow"))


def _failed_transition(item, form, error):
    """The refused action's form, or the panel itself when the action is no longer offered
    (someone else moved the item meanwhile)."""
    action = form.action.data
    offered = {rule.action for rule in allowed_actions(current_user, item)}
    form_id = f"workflow-{action}" if action in offered else "workflow"
    return FailedForm.from_error(form_id, error,
                                 values={"reason": form.reason.data, "note": form.note.data})
