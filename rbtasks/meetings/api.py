"""JSON endpoints for monev meetings: every token reads, recorders write."""
from flask import jsonify, url_for

from rbtasks.api.helpers import (
    PAGE_PARAMETERS, api_user, created, json_body, page_args, page_envelope, parse,
)
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import list_of, operation, page_of, path_id, ref
from rbtasks.evidence import services as evidence
from rbtasks.evidence.schemas import held_evidence_to_dict
from rbtasks.evidence.uploads import add_evidence_operation, attach_from_request
from rbtasks.extensions import db
from rbtasks.meetings import decisions, services
from rbtasks.meetings.followup import done_decision_ids, follow_up, rates_for
from rbtasks.meetings.models import Decision
from rbtasks.meetings.schemas import (
    DecisionCreate, DecisionCreated, DecisionItemsCreate, MeetingCreate, MeetingEvidenceOut,
    MeetingOut, MeetingSummaryOut, MeetingUpdate, decision_created, meeting_to_dict,
    parse_held_at, summary_to_dict,
)
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


def _meeting_json(meeting):
    services.load_details(meeting)
    loaded = decisions.load_decisions(Decision.meeting_id == meeting.id)
    done = done_decision_ids([decision.id for decision in loaded])
    return meeting_to_dict(meeting, loaded, follow_up(meeting), done)


@routes.get("/meetings")
def list_meetings():
    page = services.list_meetings(api_user(), **page_args())
    rates = rates_for([meeting.id for meeting in page.items])
    return jsonify(page_envelope(page, lambda meeting: summary_to_dict(meeting,
                                                                       rates[meeting.id])))


@routes.post("/meetings")
def create_meeting():
    services.require_recorder(api_user())
    values = parse_held_at(parse(MeetingCreate, json_body()))
    meeting = services.record_meeting(api_user(), values, utc_now())
    db.session.commit()
    return created(_meeting_json(meeting), url_for("api.get_meeting", id=meeting.id))


@routes.get("/meetings/<int:id>")
def get_meeting(id):
    return jsonify(_meeting_json(services.get_meeting(api_user(), id)))


@routes.patch("/meetings/<int:id>")
def update_meeting(id):
    meeting = services.get_meeting(api_user(), id)
    services.require_recorder(api_user())
    values = parse_held_at(parse(MeetingUpdate, json_body(), partial=True))
    services.update_meeting(api_user(), meeting, values, utc_now())
    db.session.commit()
    return jsonify(_meeting_json(meeting))


@routes.post("/meetings/<int:id>/decisions")
def add_decision(id):
    meeting = services.get_meeting(api_user(), id)
    services.require_recorder(api_user())
    values = parse(DecisionCreate, json_body())
    decision = decisions.add_decision(api_user(), meeting, values["text"], values["items"],
                                      utc_now())
    db.session.commit()
    return created(decision_created(decision), url_for("api.get_meeting", id=meeting.id))


@routes.post("/meetings/<int:id>/decisions/<int:decision_id>/items")
def add_decision_items(id, decision_id):
    meeting = services.get_meeting(api_user(), id)
    decision = decisions.get_decision(meeting, decision_id)
    services.require_recorder(api_user())
    values = parse(DecisionItemsCreate, json_body())
    decisions.add_decision_items(api_user(), decision, values["items"], utc_now())
    db.session.commit()
    return created(decision_created(decision), url_for("api.get_meeting", id=meeting.id))


def _evidence_json(item):
    return {**held_evidence_to_dict(item), "meeting_id": item.meeting_id}


@routes.get("/meetings/<int:id>/evidence")
def list_meeting_evidence(id):
    meeting = services.get_meeting(api_user(), id)
    return jsonify([_evidence_json(item) for item in evidence.evidence_of("meeting", meeting)])


@routes.post("/meetings/<int:id>/evidence")
def add_meeting_evidence(id):
    meeting = services.get_meeting(api_user(), id)
    services.require_recorder(api_user())
    added = attach_from_request(api_user(), "meeting", meeting, utc_now())
    db.session.commit()
    body = _evidence_json(added)
    return created(body, body["download_url"])  # a file's Location is its download


OPENAPI_PATHS = {
    "/meetings": {
        "get": operation("Monev meetings, newest first, with each one's follow-up rate",
                         "meetings", {200: page_of(MeetingSummaryOut)},
                         parameters=PAGE_PARAMETERS, errors=(401, 403)),
        "post": operation("Record a meeting (admins, the RB team leader, coordinators)",
                          "meetings", {201: ref(MeetingOut)}, request=MeetingCreate,
                          errors=(401, 403, 422)),
    },
    "/meetings/{id}": {
        "parameters": [path_id()],
        "get": operation("A meeting with its attendance, agenda, decisions (each item's "
                         "status) and follow-up rate", "meetings", {200: ref(MeetingOut)},
                         errors=(401, 404)),
        "patch": operation("Change some fields of a meeting; a list sent replaces the old",
                           "meetings", {200: ref(MeetingOut)}, request=MeetingUpdate,
                           errors=(401, 403, 404, 422)),
    },
    "/meetings/{id}/decisions": {
        "parameters": [path_id()],
        "post": operation("Record a decision and create its follow-up items in one step "
                          "(items: as POST /items, in pokjas the caller coordinates)",
                          "meetings", {201: ref(DecisionCreated)}, request=DecisionCreate,
                          errors=(401, 403, 404, 422)),
    },
    "/meetings/{id}/decisions/{decision_id}/items": {
        "parameters": [path_id(), path_id("decision_id")],
        "post": operation("Add follow-up items to a decision already recorded (items: as "
                          "POST /items, in pokjas the caller coordinates); answers the "
                          "decision with all its item ids", "meetings",
                          {201: ref(DecisionCreated)}, request=DecisionItemsCreate,
                          errors=(401, 403, 404, 422)),
    },
    "/meetings/{id}/evidence": {
        "parameters": [path_id()],
        "get": operation("The meeting's evidence (notulen, daftar hadir, foto), oldest first",
                         "meetings", {200: list_of(MeetingEvidenceOut)}, errors=(401, 404)),
        "post": add_evidence_operation(
            "Add evidence to a meeting: a link (JSON) or a file (multipart), recorders only",
            "meetings", ref(MeetingEvidenceOut)),
    },
}
