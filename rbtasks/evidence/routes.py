"""The evidence panel's actions on the item page: upload, add a link, remove, download."""
from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import Conflict, ValidationError
from rbtasks.evidence import services
from rbtasks.evidence.download import file_response
from rbtasks.evidence.forms import FileEvidenceForm, LinkEvidenceForm, RemoveEvidenceForm
from rbtasks.extensions import db
from rbtasks.items.queries import get_item
from rbtasks.timeutil import utc_now
from rbtasks.web import flash_form_errors

bp = Blueprint("evidence", __name__)


def _back(item_id):
    return redirect(url_for("items.show_item", item_id=item_id, _anchor="evidence"), 303)


def _flash_refusal(error):
    """The messages of a refused change (PermissionDenied goes to the 403 page)."""
    db.session.rollback()
    messages = list(dict.fromkeys(error.fields.values())) or [error.message]
    for message in messages:
        flash(message, "error")


@bp.route("/items/<int:item_id>/evidence/file", methods=["POST"])
@login_required
def add_file(item_id):
    item = get_item(current_user, item_id)
    form = FileEvidenceForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return _back(item.id)
    upload = form.file.data
    try:
        services.add_file_evidence(current_user, item, form.kind.data, form.description.data,
                                   upload.stream, upload.filename, utc_now())
    except (ValidationError, Conflict) as error:
        _flash_refusal(error)
        return _back(item.id)
    db.session.commit()
    flash(_("Evidence added."), "success")
    return _back(item.id)


@bp.route("/items/<int:item_id>/evidence/link", methods=["POST"])
@login_required
def add_link(item_id):
    item = get_item(current_user, item_id)
    form = LinkEvidenceForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return _back(item.id)
    try:
        services.add_link_evidence(current_user, item, form.kind.data, form.description.data,
                                   form.url.data, utc_now())
    except (ValidationError, Conflict) as error:
        _flash_refusal(error)
        return _back(item.id)
    db.session.commit()
    flash(_("Link added."), "success")
    return _back(item.id)


@bp.route("/evidence/<int:evidence_id>/delete", methods=["POST"])
@login_required
def remove(evidence_id):
    _evidence, item = services.get_evidence(current_user, evidence_id)
    form = RemoveEvidenceForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return _back(item.id)
    try:
        services.remove_evidence(current_user, evidence_id, utc_now())
    except Conflict as error:
        _flash_refusal(error)
        return _back(item.id)
    db.session.commit()
    flash(_("Evidence removed."), "success")
    return _back(item.id)


@bp.route("/evidence/<int:evidence_id>/download")
@login_required
def download(evidence_id):
    evidence, path = services.evidence_for_download(current_user, evidence_id)
    return file_response(evidence, path)
