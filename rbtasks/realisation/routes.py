"""Pages for an item's quarterly realisation: the edit form behind the item page's panel."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import DomainError, ValidationError
from rbtasks.extensions import db
from rbtasks.items.queries import get_item
from rbtasks.realisation import services
from rbtasks.realisation.forms import QuartersForm
from rbtasks.timeutil import utc_now
from rbtasks.web import show_errors

bp = Blueprint("realisation", __name__)


def _initial_data(item):
    quarters = []
    for quarter, row in zip(services.QUARTERS, services.quarter_rows(item)):
        quarters.append({"target": row.target if row else None,
                         "realisation": row.realisation if row else None,
                         "obstacles": row.obstacles if row else "",
                         "follow_up": row.follow_up if row else ""})
    return {"quarters": quarters, "progress_from_quarters": item.progress_from_quarters,
            "version": item.version}


def _render(form, item, status=200):
    labels = [services.quarter_label(q) for q in services.QUARTERS]
    return render_template("realisation/edit.html", form=form, item=item,
                           rows=list(zip(labels, form.quarters))), status


@bp.route("/items/<int:item_id>/quarters", methods=["GET", "POST"])
@login_required
def edit_quarters(item_id):
    item = get_item(current_user, item_id)
    services.check_may_edit_quarters(current_user, item)
    if request.method == "GET":
        return _render(QuartersForm(data=_initial_data(item)), item)
    form = QuartersForm()
    if not form.validate_on_submit():
        # Show the service's messages too, so one round trip reveals every problem.
        try:
            services.clean_quarters(form.quarter_values())
        except ValidationError as error:
            show_errors(form, error)
        return _render(form, item, 422)
    try:
        version = int(form.version.data)
    except (TypeError, ValueError):
        version = None
    try:
        services.set_quarters(current_user, item, form.quarter_values(),
                              form.progress_from_quarters.data, version, utc_now())
    except ValidationError as error:
        db.session.rollback()
        show_errors(form, error)
        return _render(form, item, 422)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return _render(form, item, error.status)
    db.session.commit()
    flash(_("Quarterly realisation saved."), "success")
    return redirect(url_for("items.show_item", item_id=item.id, _anchor="realisation"))
