"""The instrument pages: the list (with the admins' upload form), one tree (as a
sheet too), the template."""
import io

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from rbtasks.errors import DomainError
from rbtasks.extensions import db
from rbtasks.pmprb import instruments
from rbtasks.pmprb.instrument_checks import InstrumentFaults
from rbtasks.pmprb.instrument_forms import InstrumentUploadForm
from rbtasks.pmprb.instrument_sheet import write_instrument_sheet
from rbtasks.pmprb.instrument_template import TEMPLATE, TEMPLATE_FILENAME
from rbtasks.pmprb.permissions import may_load_instruments
from rbtasks.spreadsheets.writing import XLSX_MEDIA_TYPE
from rbtasks.timeutil import utc_now
from rbtasks.webforms import ConfirmForm

bp = Blueprint("pmprb", __name__, url_prefix="/pmprb")

ANSWER_TYPE_LABELS = {
    "yes_no": _l("Yes / No"), "abc": _l("A / B / C"), "abcd": _l("A / B / C / D"),
    "abcde": _l("A / B / C / D / E"), "percent": _l("Percentage (0–100)"),
    "number": _l("Number"),
}


@bp.app_template_filter("points")
def points(value):
    """A weight as the reader writes it: 60, 12,5 (Indonesian) or 12.5; "—" for none."""
    return "—" if value is None else format_decimal(value, format="#,##0.####")


@bp.route("/instruments", methods=["GET", "POST"])
@login_required
def list_instruments():
    form = InstrumentUploadForm()
    faults, status = [], 200
    if form.is_submitted():
        instruments.require_loader(current_user)  # a 403 before the file is even read
    if form.validate_on_submit():
        try:
            loaded = instruments.load_instrument_file(
                current_user, form.file.data.stream, form.file.data.filename, now=utc_now(),
                strict=form.strict.data, replace=form.replace.data)
        except InstrumentFaults as refused:
            db.session.rollback()
            faults, status = refused.faults, 422
            form.file.errors = [refused.message]
        except DomainError as error:
            db.session.rollback()
            form.file.errors = [error.message]
            status = error.status
        else:
            db.session.commit()
            for warning in loaded.warnings:
                flash(_("Warning: %(warning)s", warning=str(warning)), "warning")
            flash(_("The instrument “%(name)s” was loaded.", name=loaded.instrument.name),
                  "success")
            return redirect(url_for(".show_instrument", instrument_id=loaded.instrument.id))
    elif form.errors:
        status = 422
    return render_template(
        "pmprb/instruments.html", rows=instruments.list_instruments(current_user), form=form,
        faults=faults, may_load=may_load_instruments(current_user)), status


@bp.route("/instruments/<int:instrument_id>")
@login_required
def show_instrument(instrument_id):
    instrument = instruments.get_instrument(current_user, instrument_id)
    may_delete = may_load_instruments(current_user)
    return render_template("pmprb/instrument.html", instrument=instrument,
                           summary=instruments.summary_of(instrument),
                           rows=instruments.tree_rows(instrument),
                           answer_type_labels=ANSWER_TYPE_LABELS,
                           delete_form=ConfirmForm() if may_delete else None,
                           used_by=instruments.assessments_using(instrument) if may_delete else 0)


@bp.route("/instruments/<int:instrument_id>/delete", methods=["POST"])
@login_required
def delete_instrument(instrument_id):
    instrument = instruments.get_instrument(current_user, instrument_id)
    instruments.require_loader(current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    name = instrument.name
    instruments.delete_instrument(current_user, instrument)
    db.session.commit()
    flash(_("The instrument “%(name)s” was deleted.", name=name), "success")
    return redirect(url_for(".list_instruments"))


@bp.route("/instruments/<int:instrument_id>.xlsx")
@login_required
def export_instrument(instrument_id):
    """The instrument as the sheet it loads from: edit it and load it back
    (with "replace") while no self-assessment uses it."""
    instrument = instruments.get_instrument(current_user, instrument_id)
    return _sheet_response(instruments.instrument_mapping(instrument),
                           f"instrumen-{instrument.year}-{instrument.id}.xlsx")


def _sheet_response(mapping, filename):
    stream = io.BytesIO()
    write_instrument_sheet(mapping, stream)
    stream.seek(0)
    return send_file(stream, mimetype=XLSX_MEDIA_TYPE, as_attachment=True,
                     download_name=filename)


@bp.route("/instruments/template.xlsx")
@login_required
def instrument_template():
    return _sheet_response(TEMPLATE, TEMPLATE_FILENAME)
