"""The admin settings page: reminder policy and working-day overrides."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.web import show_errors
from rbtasks.errors import NotFound, ValidationError
from rbtasks.extensions import db
from rbtasks.settings.forms import OverrideForm, PolicyForm
from rbtasks.settings.services import save_policy, settings_overview
from rbtasks.settings_store.policy import clean_policy_values
from rbtasks.timeutil import utc_now
from rbtasks.workdays.services import SOURCE_OVERRIDE, add_override, remove_override

bp = Blueprint("settings", __name__, url_prefix="/admin/settings")


def _page(policy_form=None, override_form=None, status=200):
    overview = settings_overview(current_user, utc_now())
    return render_template(
        "settings/show.html",
        policy_form=policy_form or PolicyForm.for_policy(overview["policy"]),
        override_form=override_form or OverrideForm(formdata=None),
        SOURCE_OVERRIDE=SOURCE_OVERRIDE,
        **overview,
    ), status


@bp.route("")
@login_required
def show_settings():
    return _page()


@bp.route("/policy", methods=["POST"])
@login_required
def save_policy_settings():
    form = PolicyForm()
    if form.validate_on_submit():
        try:
            save_policy(current_user, form.values(), utc_now())
        except ValidationError as error:
            db.session.rollback()
            show_errors(form, error, summary=False)
        else:
            db.session.commit()
            flash(_("The reminder policy has been saved."), "success")
            return redirect(url_for("settings.show_settings"))
    else:
        # Show the range errors of the fields that did parse, all at once.
        try:
            clean_policy_values(form.values())
        except ValidationError as error:
            show_errors(form, error, summary=False)
    return _page(policy_form=form, status=422)


@bp.route("/overrides", methods=["POST"])
@login_required
def add_calendar_override():
    form = OverrideForm()
    if form.validate_on_submit():
        try:
            override = add_override(current_user, form.day.data, form.working.data == "worked",
                                    form.name.data, utc_now())
        except ValidationError as error:
            db.session.rollback()
            show_errors(form, error, summary=False)
        else:
            db.session.commit()
            flash(_("The override for %(date)s has been added.",
                    date=format_date(override.day, "EEEE, d MMMM y")), "success")
            return redirect(url_for("settings.show_settings", _anchor="overrides"))
    return _page(override_form=form, status=422)


@bp.route("/overrides/<int:override_id>/remove", methods=["POST"])
@login_required
def remove_calendar_override(override_id):
    try:
        day = remove_override(current_user, override_id).day
    except NotFound as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The override for %(date)s has been removed; the date follows the holiday "
                "list again.", date=format_date(day, "EEEE, d MMMM y")), "success")
    return redirect(url_for("settings.show_settings", _anchor="overrides"))
