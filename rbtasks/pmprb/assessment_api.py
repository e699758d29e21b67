"""JSON endpoints of self-assessments: list, start, answer, evidence, read,
gap → item, export."""
from flask import jsonify, request, url_for
from flask_babel import gettext as _

from rbtasks.api.helpers import (
    PAGE_PARAMETERS, api_user, created, json_body, page_args, page_envelope, parse,
)
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import list_of, operation, page_of, path_id, ref
from rbtasks.errors import BadRequest
from rbtasks.evidence import services as evidence
from rbtasks.evidence.uploads import add_evidence_operation, attach_from_request
from rbtasks.extensions import db
from rbtasks.inputs.json_body import parse_json
from rbtasks.paging import Page
from rbtasks.pmprb import assessments, gaps
from rbtasks.pmprb.assessment_access import get_assessment
from rbtasks.pmprb.assessment_schemas import (
    AnswerEvidenceOut, AnswerReturn, AnswerRows, AssessmentCreate, AssessmentOut,
    AssessmentSummaryOut, GapItemCreate, GapItemOut,
)
from rbtasks.pmprb.worksheet import worksheet
from rbtasks.pmprb.worksheet_xlsx import MEDIA_TYPE, xlsx_response
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


def _saved_sheet(assessment):
    """Commit, and answer the worksheet as it now stands."""
    db.session.commit()
    return jsonify(AssessmentOut.dump(worksheet(assessment)))


@routes.get("/pmprb/assessments")
def list_assessments():
    rows = assessments.list_assessments(api_user())
    page = Page.of(rows, **page_args(default_per_page=100))
    return jsonify(page_envelope(page, AssessmentSummaryOut.dump))


@routes.post("/pmprb/assessments")
def create_assessment():
    values = parse(AssessmentCreate, json_body())
    assessment = assessments.create_assessment(api_user(), values, utc_now())
    db.session.commit()
    return created(AssessmentOut.dump(worksheet(assessment)),
                   url_for("api.get_assessment_sheet", id=assessment.id))


@routes.get("/pmprb/assessments/<int:id>")
def get_assessment_sheet(id):
    return jsonify(AssessmentOut.dump(worksheet(get_assessment(api_user(), id))))


@routes.put("/pmprb/assessments/<int:id>/answers")
def put_answers(id):
    actor = api_user()
    assessment = get_assessment(actor, id)
    data = parse_json(request.get_data(cache=True))
    if not isinstance(data, list):
        raise BadRequest(_("The body must be a JSON array of answer rows."))
    rows = parse(AnswerRows, data, partial=True)
    assessments.save_answers(actor, assessment, rows, utc_now())
    return _saved_sheet(assessment)


@routes.post("/pmprb/assessments/<int:id>/submit")
def submit_answers(id):
    actor = api_user()
    assessment = get_assessment(actor, id)
    assessments.submit_answers(actor, assessment, utc_now())
    return _saved_sheet(assessment)


@routes.post("/pmprb/assessments/<int:id>/answers/<code>/review")
def review_answer(id, code):
    actor = api_user()
    assessment = get_assessment(actor, id)
    assessments.review_answer(actor, assessment, code, utc_now())
    return _saved_sheet(assessment)


@routes.post("/pmprb/assessments/<int:id>/answers/<code>/return")
def return_answer(id, code):
    actor = api_user()
    assessment = get_assessment(actor, id)
    values = parse(AnswerReturn, json_body())
    assessments.return_answer(actor, assessment, code, values["note"], utc_now())
    return _saved_sheet(assessment)


@routes.get("/pmprb/assessments/<int:id>/answers/<code>/evidence")
def list_answer_evidence(id, code):
    assessment = get_assessment(api_user(), id)
    indicator = assessments.indicator_named(assessment, code)
    answer = assessments.answers_by_indicator(assessment).get(indicator.id)
    held = evidence.evidence_of("answer", answer) if answer is not None else []
    return jsonify([AnswerEvidenceOut.dump(item, assessment, code) for item in held])


@routes.post("/pmprb/assessments/<int:id>/answers/<code>/evidence")
def add_answer_evidence(id, code):
    actor = api_user()
    assessment = get_assessment(actor, id)
    now = utc_now()
    answer = assessments.answer_for(assessment, assessments.indicator_named(assessment, code),
                                    now)
    added = attach_from_request(actor, "answer", answer, now)
    db.session.commit()
    body = AnswerEvidenceOut.dump(added, assessment, code)
    return created(body, body["download_url"])  # a file's Location is its download


@routes.post("/pmprb/assessments/<int:id>/gaps/<code>/items")
def create_gap_item(id, code):
    actor = api_user()
    assessment = get_assessment(actor, id)
    fields = parse(GapItemCreate, json_body(), partial=True)
    item = gaps.create_gap_item(actor, assessment, code, fields, utc_now())
    db.session.commit()
    return created(GapItemOut(id=item.id).model_dump(), url_for("api.get_item", item_id=item.id))


@routes.get("/pmprb/assessments/<int:id>/worksheet.xlsx")
def get_worksheet_xlsx(id):
    return xlsx_response(worksheet(get_assessment(api_user(), id)))


_CODE = {"name": "code", "in": "path", "required": True, "description": "An indicator's code",
         "schema": {"type": "string", "maxLength": 40}}


def _xlsx_operation():
    result = operation("The worksheet as .xlsx in the shape of the evaluation sheet", "pmprb",
                       {200: None}, errors=(401, 404))
    result["responses"]["200"]["content"] = {MEDIA_TYPE: {"schema": {"type": "string",
                                                                     "format": "binary"}}}
    return result


OPENAPI_PATHS = {
    "/pmprb/assessments": {
        "get": operation("The self-assessments the user may read, newest year first", "pmprb",
                         {200: page_of(AssessmentSummaryOut)},
                         parameters=list(PAGE_PARAMETERS), errors=(401, 422)),
        "post": operation("Start a self-assessment of an instrument for a year and a scope "
                          "(admins, coordinators, evaluators)", "pmprb",
                          {201: ref(AssessmentOut)}, request=AssessmentCreate,
                          errors=(401, 403, 409, 422)),
    },
    "/pmprb/assessments/{id}": {
        "parameters": [path_id()],
        "get": operation("The worksheet: indexes, grades, target, official index, components, "
                         "gaps and answers", "pmprb", {200: ref(AssessmentOut)},
                         errors=(401, 404)),
    },
    "/pmprb/assessments/{id}/answers": {
        "parameters": [path_id()],
        "put": operation("Save answer rows, all or nothing; answers the new worksheet",
                         "pmprb", {200: ref(AssessmentOut)}, request=AnswerRows,
                         errors=(401, 403, 404, 409, 422)),
    },
    "/pmprb/assessments/{id}/submit": {
        "parameters": [path_id()],
        "post": operation("The unit hands its answered drafts to the evaluators (draft → "
                          "submitted); answers the worksheet", "pmprb", {200: ref(AssessmentOut)},
                          errors=(401, 403, 404, 409)),
    },
    "/pmprb/assessments/{id}/answers/{code}/review": {
        "parameters": [path_id(), _CODE],
        "post": operation("An evaluator accepts a submitted answer (submitted → reviewed)",
                          "pmprb", {200: ref(AssessmentOut)}, errors=(401, 403, 404, 409, 422)),
    },
    "/pmprb/assessments/{id}/answers/{code}/return": {
        "parameters": [path_id(), _CODE],
        "post": operation("An evaluator returns an answer to the unit with a note (→ draft)",
                          "pmprb", {200: ref(AssessmentOut)}, request=AnswerReturn,
                          errors=(401, 403, 404, 409, 422)),
    },
    "/pmprb/assessments/{id}/answers/{code}/evidence": {
        "parameters": [path_id(), _CODE],
        "get": operation("The evidence (data dukung) of an indicator's answer, oldest first",
                         "pmprb", {200: list_of(AnswerEvidenceOut)}, errors=(401, 404)),
        "post": add_evidence_operation(
            "Add evidence to an indicator's answer: a link (JSON) or a file (multipart), "
            "by those who answer for the unit", "pmprb", ref(AnswerEvidenceOut),
            "The answer has been reviewed"),
    },
    "/pmprb/assessments/{id}/gaps/{code}/items": {
        "parameters": [path_id(), _CODE],
        "post": operation("Make an action item closing an indicator's gap", "pmprb",
                          {201: ref(GapItemOut)}, request=GapItemCreate,
                          errors=(401, 403, 404, 422)),
    },
    "/pmprb/assessments/{id}/worksheet.xlsx": {
        "parameters": [path_id()],
        "get": _xlsx_operation(),
    },
}
