"""The admin page for RB index records: the list with grades, add, edit, delete."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from rbtasks.extensions import db
from rbtasks.web import admin_page, save_form
from rbtasks.rbindex import services
from rbtasks.rbindex.forms import DeleteIndexScoreForm, IndexScoreForm
from rbtasks.rbindex.grades import GRADE_BANDS, grade_for
from rbtasks.timeutil import utc_now

bp = Blueprint("rbindex", __name__, url_prefix="/admin/index-scores")


def _list_page(form, status=200):
    records = services.list_index_scores(current_user)
    return render_template("rbindex/list.html", records=records, form=form,
                           delete_form=DeleteIndexScoreForm(), grade_for=grade_for,
                           bands=GRADE_BANDS), status


@bp.route("", methods=["GET", "POST"])
@admin_page
def list_index_scores():
    form = IndexScoreForm()
    if save_form(form, lambda: services.create_index_score(current_user, form.values(),
                                                           utc_now())):
        flash(_("The RB index record was saved."), "success")
        return redirect(url_for(".list_index_scores"))
    return _list_page(form, 422 if form.errors else 200)


@bp.route("/<int:record_id>/edit", methods=["GET", "POST"])
@admin_page
def edit_index_score(record_id):
    record = services.get_index_score(current_user, record_id)
    form = IndexScoreForm(obj=record)
    if save_form(form, lambda: services.update_index_score(current_user, record.id,
                                                           form.values(), utc_now())):
        flash(_("The RB index record was saved."), "success")
        return redirect(url_for(".list_index_scores"))
    return render_template("rbindex/form.html", form=form, record=record), \
        422 if form.errors else 200


@bp.route("/<int:record_id>/delete", methods=["POST"])
@admin_page
def delete_index_score(record_id):
    if not DeleteIndexScoreForm().validate_on_submit():
        abort(400)
    services.delete_index_score(current_user, record_id)
    db.session.commit()
    flash(_("The RB index record was deleted."), "success")
    return redirect(url_for(".list_index_scores"))
