"""The evidence panel's actions on the item page: upload, add a link, remove, download.

A refused action draws the item page again with the refused form in place (see
rbtasks/items/page.py), so its messages stand beside it and its text is kept.
"""
from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import Conflict, ValidationError
from rbtasks.evidence import services
from rbtasks.evidence.download import file_response
from rbtasks.evidence.forms import FileEvidenceForm, LinkEvidenceForm, RemoveEvidenceForm
from rbtasks.extensions import db
from rbtasks.items.page import FailedForm, render_item_page
from rbtasks.items.queries import get_item
from rbtasks.timeutil import utc_now

bp = Blueprint("evidence", __name__)


def _back(item_id):
    return redirect(url_for("items.show_item", item_id=item_id, _anchor="evidence"), 303)


def _refused(item, form_id, form=None, error=None):
    """The item page again, ``form_id`` showing why (PermissionDenied goes to the 403 page)."""
    if error is None:
        return render_item_page(current_user, item, utc_now(), FailedForm(form_id, form=form),
                                status=422)
    db.session.rollback()
    return render_item_page(current_user, item, utc_now(),
                            FailedForm.from_error(form_id, error, form=form), status=error.status)


@bp.route("/items/<int:item_id>/evidence/file", methods=["POST"])
@login_required
def add_file(item_id):
    item = get_item(current_user, item_id)
    form = FileEvidenceForm()
    if not form.validate_on_submit():
        return _refused(item, "evidence-file", form)
    upload = form.file.data
    try:
        services.add_file_evidence(current_user, item, form.kind.data, form.description.data,
                                   upload.stream, upload.filename, utc_now())
    except (ValidationError, Conflict) as error:
        return _refused(item, "evidence-file", form, error)
    db.session.commit()
    flash(_("Evidence added."), "success")
    return _back(item.id)


@bp.route("/items/<int:item_id>/evidence/link", methods=["POST"])
@login_required
def add_link(item_id):
    item = get_item(current_user, item_id)
    form = LinkEvidenceForm()
    if not form.validate_on_submit():
        return _refused(item, "evidence-link", form)
    try:
        services.add_link_evidence(current_user, item, form.kind.data, form.description.data,
                                   form.url.data, utc_now())
    except (ValidationError, Conflict) as error:
        return _refused(item, "evidence-link", form, error)
    db.session.commit()
    flash(_("Link added."), "success")
    return _back(item.id)


@bp.route("/evidence/<int:evidence_id>/delete", methods=["POST"])
@login_required
def remove(evidence_id):
    """Remove evidence from any holder; back to the page that showed it."""
    evidence, holder = services.get_evidence(current_user, evidence_id)
    page = services.page_of(evidence, holder)
    form = RemoveEvidenceForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.remove_evidence(current_user, evidence_id, utc_now())
    except Conflict as error:
        if evidence.item_id is not None:
            return _refused(holder, "evidence", error=error)
        db.session.rollback()
        flash(error.message, "error")
        return redirect(page, 303)
    db.session.commit()
    flash(_("Evidence removed."), "success")
    return redirect(page, 303)


@bp.route("/evidence/<int:evidence_id>/download")
@login_required
def download(evidence_id):
    evidence, path = services.evidence_for_download(current_user, evidence_id)
    return file_response(evidence, path)
