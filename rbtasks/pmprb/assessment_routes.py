"""The self-assessment pages: the list with the form to start one, the
worksheet (answers, evidence, states, index panel, gaps) and its export."""
import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import Conflict, ValidationError
from rbtasks.evidence import services as evidence_services
from rbtasks.evidence.forms import FileEvidenceForm, LinkEvidenceForm, RemoveEvidenceForm
from rbtasks.extensions import db
from rbtasks.items.choices import all_agencies, all_pokjas, pokja_people, pokjas_for_new_items
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.pmprb import answers, assessments, gaps
from rbtasks.pmprb.assessment_access import (
    get_assessment, is_evaluator, may_answer, may_create, require_answer, require_create,
)
from rbtasks.pmprb.assessment_forms import AssessmentForm, GapItemForm, ReturnForm, TokenForm
from rbtasks.pmprb.models import Instrument
from rbtasks.pmprb.scoring import rounded
from rbtasks.pmprb.worksheet import worksheet
from rbtasks.pmprb.worksheet_xlsx import xlsx_response
from rbtasks.rbindex.grades import GRADE_BANDS
from rbtasks.timeutil import utc_now
from rbtasks.web import save_form

bp = Blueprint("pmprb_assessments", __name__, url_prefix="/pmprb/assessments")


def _assessment_form():
    form = AssessmentForm()
    form.instrument_id.choices = [
        (instrument.id, f"{instrument.name} ({instrument.year})") for instrument in
        db.session.scalars(sa.select(Instrument).order_by(Instrument.year.desc(),
                                                          Instrument.name))]
    form.agency_id.choices = [(None, _("Province"))] + [
        (agency.id, agency.name) for agency in all_agencies()]
    return form


@bp.route("", methods=["GET", "POST"])
@login_required
def list_assessments():
    form = _assessment_form()
    if request.method == "POST":
        require_create(current_user)
        created = []
        try:
            if save_form(form, lambda: created.append(
                    assessments.create_assessment(current_user, form.values(), utc_now()))):
                flash(_("The self-assessment was started."), "success")
                return redirect(url_for(".show_assessment", assessment_id=created[0].id), 303)
        except Conflict as error:
            db.session.rollback()
            form.year.errors = [*form.year.errors, error.message]
    rows = assessments.list_assessments(current_user)
    return render_template("pmprb/assessments.html", assessments=rows, form=form,
                           may_create=may_create(current_user)), 422 if form.errors else 200


def _gap_form(sheet, gap, offered, by_area):
    defaults = gaps.gap_defaults(sheet.assessment, gap.indicator, by_area)
    form = GapItemForm(formdata=None, prefix=f"gap-{gap.indicator.id}", **defaults)
    _gap_choices(form, offered)
    return form


def _gap_offers(actor, assessment):
    """What every gap's form offers, read once per page: no form for whoever
    creates items in no pokja; else the pokja (the item service refuses one
    the actor may not create in), the agencies, and as owners the pokja's
    people and the assessment's agency's."""
    if not pokjas_for_new_items(actor):
        return None
    return ([(pokja.id, pokja.name) for pokja in all_pokjas()],
            [(agency.id, agency.name) for agency in all_agencies()],
            [(None, "—")] + [(person.id, person.name)
                             for person in pokja_people(assessment.agency_id)])


def _gap_choices(form, offered):
    form.pokja_id.choices, form.agency_id.choices, form.owner_id.choices = offered


def _page(assessment, status=200, failed=None):
    sheet = worksheet(assessment)
    answering = may_answer(current_user, assessment)
    evaluating = is_evaluator(current_user)
    offered = _gap_offers(current_user, assessment)
    gap_forms = {}
    if offered:
        by_area = gaps.pokjas_by_area(gap.indicator.area_name for gap, _items in sheet.gap_rows)
        gap_forms = {gap.indicator.id: _gap_form(sheet, gap, offered, by_area)
                     for gap, _items in sheet.gap_rows}
    if failed is not None:
        gap_forms[failed[0]] = failed[1]
    return render_template(
        "pmprb/assessment.html", sheet=sheet, assessment=assessment, bands=GRADE_BANDS,
        answering=answering, evaluating=evaluating, token_form=TokenForm(formdata=None),
        return_form=ReturnForm(formdata=None), gap_forms=gap_forms,
        file_form=FileEvidenceForm(formdata=None), link_form=LinkEvidenceForm(formdata=None),
        remove_form=RemoveEvidenceForm(formdata=None), shown=shown,
        choices=answers.choices, choice_for=answers.choice_for, state_labels=state_labels(),
        status_labels=STATUS_LABELS), status


def shown(value, places=2):
    """A number as the page shows it: rounded half-up as in the API and the
    export, written in the reader's language (60,37); "—" for none."""
    if value is None:
        return "—"
    return format_decimal(rounded(value, places), format="#,##0." + "0" * places)


def state_labels():
    return {"draft": _("Draft"), "submitted": _("Submitted"), "reviewed": _("Reviewed")}


@bp.route("/<int:assessment_id>")
@login_required
def show_assessment(assessment_id):
    return _page(get_assessment(current_user, assessment_id))


def _back(assessment, anchor=None):
    return redirect(url_for(".show_assessment", assessment_id=assessment.id, _anchor=anchor), 303)


def _refused(assessment, error):
    db.session.rollback()
    messages = list(error.fields.values()) or [error.message]
    for message in messages:
        flash(message, "error")
    return _page(assessment, status=error.status)


def _rows_from_form(assessment):
    """The answer rows the page sent, as the API takes them: the service
    ignores a column the actor may not fill while it is blank and refuses
    it (403) when it is filled, on the page as in the API."""
    keys = (("self_answer", "self"), ("note", "note"), ("evaluator_answer", "eval"),
            ("evaluator_note", "evalnote"))
    rows = []
    for code, indicator in assessments.indicators_by_code(assessment).items():
        row = {key: request.form[f"{prefix}-{indicator.id}"] for key, prefix in keys
               if f"{prefix}-{indicator.id}" in request.form}
        if row:
            rows.append({"indicator_code": code, **row})
    return rows


@bp.route("/<int:assessment_id>/answers", methods=["POST"])
@login_required
def save_answers(assessment_id):
    assessment = get_assessment(current_user, assessment_id)
    if not (may_answer(current_user, assessment) or is_evaluator(current_user)):
        require_answer(current_user, assessment)
    if not TokenForm().validate_on_submit():
        abort(400)
    try:
        assessments.save_answers(current_user, assessment, _rows_from_form(assessment),
                                 utc_now())
    except (ValidationError, Conflict) as error:
        return _refused(assessment, error)
    db.session.commit()
    flash(_("The answers were saved."), "success")
    return _back(assessment, "worksheet")


@bp.route("/<int:assessment_id>/submit", methods=["POST"])
@login_required
def submit_answers(assessment_id):
    assessment = get_assessment(current_user, assessment_id)
    if not TokenForm().validate_on_submit():
        abort(400)
    try:
        count = assessments.submit_answers(current_user, assessment, utc_now())
    except Conflict as error:
        return _refused(assessment, error)
    db.session.commit()
    flash(_("%(count)d answers were submitted to the evaluators.", count=count), "success")
    return _back(assessment, "worksheet")


@bp.route("/<int:assessment_id>/answers/<code>/review", methods=["POST"])
@login_required
def review_answer(assessment_id, code):
    assessment = get_assessment(current_user, assessment_id)
    if not TokenForm().validate_on_submit():
        abort(400)
    try:
        answer = assessments.review_answer(current_user, assessment, code, utc_now())
    except (ValidationError, Conflict) as error:
        return _refused(assessment, error)
    db.session.commit()
    flash(_("%(code)s was reviewed.", code=code), "success")
    return _back(assessment, f"indicator-{answer.indicator_id}")


@bp.route("/<int:assessment_id>/answers/<code>/return", methods=["POST"])
@login_required
def return_answer(assessment_id, code):
    assessment = get_assessment(current_user, assessment_id)
    form = ReturnForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash(_("Say what the unit should change."), "error")
        return _page(assessment, status=422)
    try:
        answer = assessments.return_answer(current_user, assessment, code, form.note.data,
                                           utc_now())
    except (ValidationError, Conflict) as error:
        return _refused(assessment, error)
    db.session.commit()
    flash(_("%(code)s was returned to the unit.", code=code), "success")
    return _back(assessment, f"indicator-{answer.indicator_id}")


def _answer_holder(assessment, code):
    return assessments.answer_for(assessment, assessments.indicator_named(assessment, code),
                                  utc_now())


@bp.route("/<int:assessment_id>/answers/<code>/evidence/link", methods=["POST"])
@login_required
def add_link(assessment_id, code):
    assessment = get_assessment(current_user, assessment_id)
    form = LinkEvidenceForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash(" ".join(message for errors in form.errors.values() for message in errors),
              "error")
        return _page(assessment, status=422)
    try:
        answer = _answer_holder(assessment, code)
        evidence_services.attach_link(current_user, "answer", answer, form.kind.data,
                                      form.description.data, form.url.data, utc_now())
    except (ValidationError, Conflict) as error:
        return _refused(assessment, error)
    db.session.commit()
    flash(_("Link added."), "success")
    return _back(assessment, f"indicator-{answer.indicator_id}")


@bp.route("/<int:assessment_id>/answers/<code>/evidence/file", methods=["POST"])
@login_required
def add_file(assessment_id, code):
    assessment = get_assessment(current_user, assessment_id)
    form = FileEvidenceForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash(" ".join(message for errors in form.errors.values() for message in errors),
              "error")
        return _page(assessment, status=422)
    upload = form.file.data
    try:
        answer = _answer_holder(assessment, code)
        evidence_services.attach_file(current_user, "answer", answer, form.kind.data,
                                      form.description.data, upload.stream, upload.filename,
                                      utc_now())
    except (ValidationError, Conflict) as error:
        return _refused(assessment, error)
    db.session.commit()
    flash(_("Evidence added."), "success")
    return _back(assessment, f"indicator-{answer.indicator_id}")


@bp.route("/<int:assessment_id>/gaps/<code>/items", methods=["POST"])
@login_required
def create_gap_item(assessment_id, code):
    assessment = get_assessment(current_user, assessment_id)
    indicator = assessments.indicators_by_code(assessment).get(code)
    if indicator is None:
        abort(404)
    offered = _gap_offers(current_user, assessment)
    if offered is None:
        abort(403)
    form = GapItemForm(prefix=f"gap-{indicator.id}")
    _gap_choices(form, offered)
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        return _page(assessment, status=422, failed=(indicator.id, form))
    try:
        item = gaps.create_gap_item(current_user, assessment, code, form.values(), utc_now())
    except ValidationError as error:
        db.session.rollback()
        for name, message in error.fields.items():
            if name in form:
                form[name].errors = [*form[name].errors, message]
            else:
                flash(message, "error")
        return _page(assessment, status=422, failed=(indicator.id, form))
    db.session.commit()
    flash(_("The action item was created."), "success")
    return redirect(url_for("items.show_item", item_id=item.id), 303)


@bp.route("/<int:assessment_id>/worksheet.xlsx")
@login_required
def export_worksheet(assessment_id):
    return xlsx_response(worksheet(get_assessment(current_user, assessment_id)))
