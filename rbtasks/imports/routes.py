"""The import page: upload → mapping and preview (a dry run) → confirm.

The uploaded file is kept server-side between the steps (rbtasks/imports/
upload.py); the signed session holds its random name, the pokja and the year.
Each view of the review step plans the rows again rather than showing a kept
summary: what a row would do depends on the database (another import, a new
user, a deleted item), planning sends the same few queries for any number of
rows (a 10,000-row sheet is read and planned in seconds), and confirming must
check against the database as it is then anyway.
"""
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import PermissionDenied, ValidationError
from rbtasks.extensions import db
from rbtasks.imports import services, upload
from rbtasks.imports.forms import CancelForm, ReviewForm, UploadForm
from rbtasks.imports.mapping import FIELDS, field_label, propose_mapping
from rbtasks.items.choices import pokjas_for_new_items
from rbtasks.spreadsheets.values import parse_text
from rbtasks.timeutil import utc_now
from rbtasks.web import show_errors

bp = Blueprint("imports", __name__)
PENDING = "rbtasks.import"
PREVIEW_ROWS = 20


def _pokjas():
    pokjas = pokjas_for_new_items(current_user)
    if not pokjas:
        raise PermissionDenied(_("Only the pokja's coordinators can import items into it."))
    return pokjas


@bp.route("/imports/new", methods=["GET", "POST"])
@login_required
def upload_sheet():
    pokjas = _pokjas()
    posted_pokja = request.form.get("pokja_id", type=int) if request.method == "POST" else None
    if posted_pokja is not None:  # another pokja's coordinator is refused, not told "invalid"
        services.importable_pokja(current_user, posted_pokja)
    form = UploadForm()
    form.pokja_id.choices = [(pokja.id, pokja.name) for pokja in pokjas]
    if request.method == "GET":
        form.pokja_id.data = request.args.get("pokja_id", type=int)
        form.year.data = upload.default_year(utc_now())
    if form.validate_on_submit():
        try:
            services.importable_pokja(current_user, form.pokja_id.data)
            services.check_year(form.year.data)
            stream, filename = form.file.data.stream, form.file.data.filename
            upload.read_upload(stream, filename, form.sheet.data)
            stored = upload.keep(stream, filename)
        except ValidationError as error:
            show_errors(form, error)
        else:
            _forget_pending()
            session[PENDING] = {"stored": stored, "filename": filename,
                                "pokja_id": form.pokja_id.data, "year": form.year.data,
                                "sheet": form.sheet.data or None, "user_id": current_user.id}
            return redirect(url_for(".review"), 303)
    return render_template("imports/upload.html", form=form), 422 if form.errors else 200


def _pending():
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or pending.get("user_id") != current_user.id:
        return None, None
    path = upload.kept_path(pending.get("stored"))
    return (pending, path) if path is not None else (None, None)


def _forget_pending():
    pending = session.pop(PENDING, None)
    if isinstance(pending, dict):
        upload.forget(pending.get("stored"))


@bp.route("/imports/review", methods=["GET", "POST"])
@login_required
def review():
    _pokjas()
    pending, path = _pending()
    if pending is None:
        flash(_("Upload the sheet to import first."), "error")
        return redirect(url_for(".upload_sheet"), 303)
    form = ReviewForm()
    with open(path, "rb") as stream:
        table = upload.read_upload(stream, pending["filename"], pending["sheet"])
    mapping, apply = None, False
    if request.method == "POST":
        if not form.validate_on_submit():
            return redirect(url_for(".review"), 303)
        mapping = {header: request.form.get(f"map-{index}", "")
                   for index, header in enumerate(table.headers)}
        apply = request.form.get("action") == "apply"
    report, status = None, 200
    try:
        report = services.run_import(current_user, pending["pokja_id"], table,
                                     year=pending["year"], now=utc_now(), dry_run=not apply,
                                     mapping=mapping, source=pending["filename"])
    except ValidationError as error:
        db.session.rollback()
        show_errors(None, error)
        return _render(form, pending, table, None, mapping), 422
    if report.applied:
        db.session.commit()
        _forget_pending()
        flash(_("Imported: %(created)d created, %(updated)d updated, %(skipped)d skipped.",
                created=report.created, updated=report.updated, skipped=report.skipped),
              "success")
        return redirect(url_for("items.list_items", pokja_id=pending["pokja_id"]), 303)
    db.session.rollback()
    if apply:
        flash(_("Nothing was imported: fix the errors below first."), "error")
        status = 422
    return _render(form, pending, table, report, mapping), status


def _render(form, pending, table, report, chosen):
    mapping = chosen or (report.mapping if report else propose_mapping(table.headers))
    return render_template(
        "imports/review.html", form=form, cancel_form=CancelForm(), pending=pending,
        table=table, report=report, mapping=mapping,
        fields=[(name, field_label(name)) for name in FIELDS],
        preview=_preview(table, report), text=parse_text)


def _preview(table, report):
    """The first rows with their cells, planned action and problems."""
    by_row = {row["row"]: row for row in report.rows} if report else {}
    return [(sheet_row, by_row.get(sheet_row.number)) for sheet_row in table.rows[:PREVIEW_ROWS]]


@bp.route("/imports/cancel", methods=["POST"])
@login_required
def cancel():
    _pokjas()
    if CancelForm().validate_on_submit():
        _forget_pending()
        flash(_("The import was cancelled; nothing changed."), "success")
    return redirect(url_for("items.list_items"), 303)
