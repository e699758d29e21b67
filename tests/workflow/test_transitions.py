"""Every status × action × role: allowed, or refused with the right code and nothing changed.

The expectations are written out from the issue's table, not derived from
the code's own rule table, so the test can disagree with the code.
"""
import pytest
import sqlalchemy as sa

from rbtasks.evidence.models import Evidence
from rbtasks.items.models import ActionItem, ActivityEntry

STATUSES = ("not_started", "in_progress", "submitted", "done", "blocked", "cancelled")
ALL_BUT_DONE_AND_CANCELLED = {"not_started", "in_progress", "submitted", "blocked"}
# action: (statuses it starts from, the status it ends in, who may)
SPEC = {
    "start": ({"not_started"}, "in_progress", {"owner", "coordinator", "admin", "owner_coordinator"}),
    "block": ({"in_progress"}, "blocked", {"owner", "coordinator", "admin", "owner_coordinator"}),
    "unblock": ({"blocked"}, "in_progress", {"owner", "coordinator", "admin", "owner_coordinator"}),
    "submit": ({"in_progress"}, "submitted", {"owner", "owner_coordinator"}),
    # never the item's own owner, even when that owner coordinates the pokja
    "verify": ({"submitted"}, "done", {"coordinator", "admin"}),
    "return": ({"submitted"}, "in_progress", {"coordinator", "admin", "owner_coordinator"}),
    "cancel": (ALL_BUT_DONE_AND_CANCELLED, "cancelled", {"coordinator", "admin", "owner_coordinator"}),
    "reopen": ({"done", "cancelled"}, "in_progress", {"coordinator", "admin", "owner_coordinator"}),
}
SEES_BUT_MAY_NOT_ACT = {"leader", "agency_head", "pokja_member"}
CANNOT_SEE = {"other_coordinator"}


@pytest.fixture
def cast(make_user, make_pokja, make_agency, api, make_pokja_factory=None):
    agency = make_agency()
    people = {
        "owner": make_user(role="member", agency=agency),
        "owner_coordinator": make_user(role="coordinator", agency=agency),
        "coordinator": make_user(role="coordinator"),
        "admin": make_user(role="admin"),
        "leader": make_user(role="leader"),
        "agency_head": make_user(role="agency_head", agency=agency),
        "pokja_member": make_user(role="member"),
        "other_coordinator": make_user(role="coordinator"),
    }
    pokja = make_pokja(coordinators=[people["coordinator"], people["owner_coordinator"]],
                       members=[people["owner"], people["pokja_member"]])
    make_pokja(coordinators=[people["other_coordinator"]])
    clients = {name: api(user) for name, user in people.items()}
    return {"agency": agency, "pokja": pokja, "people": people, "clients": clients}


def _expected(action, status, actor):
    sources, target, allowed = SPEC[action]
    if actor in CANNOT_SEE:
        return 404, status
    if actor not in allowed:
        return 403, status
    if status not in sources:
        return 409, status
    return 200, target


def _snapshot(db, item_id):
    db.session.expire_all()
    item = db.session.get(ActionItem, item_id)
    entries = db.session.scalar(sa.select(sa.func.count(ActivityEntry.id))
                                .where(ActivityEntry.item_id == item_id))
    return (item.status, item.version, item.completed_at, item.submitted_at, entries)


@pytest.mark.parametrize("status", STATUSES)
def test_every_action_by_every_role_from_this_status(status, cast, make_item, db, now):
    owner_names = ("owner", "owner_coordinator")
    for action in SPEC:
        for actor, client in cast["clients"].items():
            owner = cast["people"]["owner_coordinator" if actor == "owner_coordinator" else "owner"]
            item = make_item(pokja=cast["pokja"], agency=cast["agency"], owner=owner, status=status)
            db.session.add(Evidence(item_id=item.id, kind="notulen", url="https://ntt.go.id/notulen",
                                    added_at=now))
            db.session.commit()
            before = _snapshot(db, item.id)
            response = client.post(f"/api/v1/items/{item.id}/transitions", json={
                "action": action, "version": item.version, "reason": "alasan", "note": "catatan"})
            code, expected_status = _expected(action, status, actor)
            assert response.status_code == code, (status, action, actor, response.get_json())
            after = _snapshot(db, item.id)
            if code == 200:
                assert response.get_json()["status"] == expected_status
                assert after[0] == expected_status and after[1] == before[1] + 1
                # one activity entry, and one more for the progress a verification completes
                assert after[4] == before[4] + 1 + (action == "verify")
            else:
                assert after == before, (status, action, actor)
                body = response.get_json()["error"]
                if code == 409:
                    assert body["code"] == "invalid_transition"
            assert actor in owner_names or actor not in owner_names  # both kinds of owner run


def test_wrong_status_message_names_the_current_status(cast, make_item, db):
    item = make_item(pokja=cast["pokja"], agency=cast["agency"], owner=cast["people"]["owner"],
                     status="done")
    response = cast["clients"]["coordinator"].post(
        f"/api/v1/items/{item.id}/transitions", json={"action": "verify", "version": 1})
    assert response.status_code == 409
    assert "Selesai" in response.get_json()["error"]["message"] or "Done" in response.get_json()["error"]["message"]


@pytest.mark.parametrize("action", ["block", "return", "cancel", "reopen"])
def test_actions_that_need_a_reason_refuse_without_one(action, cast, make_item, db):
    status = next(iter(sorted(SPEC[action][0])))
    item = make_item(pokja=cast["pokja"], agency=cast["agency"], owner=cast["people"]["owner"],
                     status=status)
    before = _snapshot(db, item.id)
    response = cast["clients"]["coordinator"].post(
        f"/api/v1/items/{item.id}/transitions", json={"action": action, "version": 1, "reason": "  "})
    assert response.status_code == 422
    assert "reason" in response.get_json()["error"]["fields"]
    assert _snapshot(db, item.id) == before


def test_submit_needs_evidence_and_a_realisation_note(cast, make_item, db, now):
    item = make_item(pokja=cast["pokja"], agency=cast["agency"], owner=cast["people"]["owner"],
                     status="in_progress")
    client = cast["clients"]["owner"]
    url = f"/api/v1/items/{item.id}/transitions"
    response = client.post(url, json={"action": "submit", "version": 1})
    assert response.status_code == 422
    assert {"evidence", "note"} <= set(response.get_json()["error"]["fields"])
    db.session.add(Evidence(item_id=item.id, kind="foto", url="https://ntt.go.id/foto", added_at=now))
    db.session.commit()
    assert client.post(url, json={"action": "submit", "version": 1}).status_code == 422
    done = client.post(url, json={"action": "submit", "version": 1, "note": "SOP disahkan"})
    assert done.status_code == 200
    body = done.get_json()
    assert body["status"] == "submitted" and body["realisation_note"] == "SOP disahkan"
    assert body["submitted_at"] is not None


def test_verify_sets_completion_time_and_full_progress(cast, make_item, db, now):
    item = make_item(pokja=cast["pokja"], agency=cast["agency"], owner=cast["people"]["owner"],
                     status="submitted", progress=80)
    response = cast["clients"]["coordinator"].post(
        f"/api/v1/items/{item.id}/transitions", json={"action": "verify", "version": 1})
    body = response.get_json()
    assert body["status"] == "done" and body["progress"] == 100 and body["completed_at"]
    entry = db.session.scalar(sa.select(ActivityEntry).where(ActivityEntry.item_id == item.id,
                                                             ActivityEntry.action == "verify"))
    assert (entry.old_value, entry.new_value, entry.actor_id) == (
        "submitted", "done", cast["people"]["coordinator"].id)


def _history(db, item_id):
    return [(e.action, e.field, e.old_value, e.new_value) for e in db.session.scalars(
        sa.select(ActivityEntry).where(ActivityEntry.item_id == item_id).order_by(ActivityEntry.id))]


def test_verifying_records_full_progress_and_reopening_returns_to_the_realisation(
    cast, make_item, db, now
):
    from decimal import Decimal

    from rbtasks.realisation.models import QuarterRealisation

    item = make_item(pokja=cast["pokja"], agency=cast["agency"], owner=cast["people"]["owner"],
                     status="submitted", progress=65, progress_from_quarters=True)
    db.session.add_all([
        QuarterRealisation(item_id=item.id, quarter=1, target=Decimal(50), realisation=Decimal(40)),
        QuarterRealisation(item_id=item.id, quarter=2, target=Decimal(50), realisation=Decimal(25)),
    ])
    db.session.commit()
    client = cast["clients"]["coordinator"]
    url = f"/api/v1/items/{item.id}/transitions"

    verified = client.post(url, json={"action": "verify", "version": 1}).get_json()
    assert verified["progress"] == 100 and verified["progress_from_quarters"] is True
    assert _history(db, item.id) == [("verify", "status", "submitted", "done"),
                                     ("updated", "progress", "65", "100")]

    reopened = client.post(url, json={"action": "reopen", "version": verified["version"],
                                      "reason": "Daftar hadir belum ditandatangani"}).get_json()
    assert reopened["status"] == "in_progress" and reopened["progress"] == 65
    assert _history(db, item.id)[2:] == [("reopen", "status", "done", "in_progress"),
                                         ("updated", "progress", "100", "65")]


def test_a_stale_version_is_refused(cast, make_item, db):
    item = make_item(pokja=cast["pokja"], agency=cast["agency"], owner=cast["people"]["owner"],
                     status="not_started")
    client = cast["clients"]["owner"]
    url = f"/api/v1/items/{item.id}/transitions"
    assert client.post(url, json={"action": "start", "version": 1}).status_code == 200
    stale = client.post(url, json={"action": "block", "version": 1, "reason": "menunggu SK"})
    assert stale.status_code == 409 and stale.get_json()["error"]["code"] == "stale_version"


def test_unknown_action_and_missing_version_are_422(cast, make_item):
    item = make_item(pokja=cast["pokja"], agency=cast["agency"], owner=cast["people"]["owner"])
    client = cast["clients"]["coordinator"]
    url = f"/api/v1/items/{item.id}/transitions"
    assert client.post(url, json={"action": "finish", "version": 1}).status_code == 422
    assert client.post(url, json={"action": "start"}).status_code == 422
    assert client.post(url, json={"action": "start", "version": "1"}).status_code == 422
