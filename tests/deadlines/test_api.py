"""/api/v1/items/<id>/extensions and /api/v1/extensions/<id>/decision."""
from datetime import date, datetime

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator

from rbtasks.deadlines import services
from rbtasks.deadlines.models import ExtensionRequest
from rbtasks.items.models import ActionItem

FIELDS = {"id", "item_id", "status", "old_due_date", "new_due_date", "reason", "requested_by_id",
          "requested_at", "decided_by_id", "decided_at", "decision_reason"}


def _count(db):
    return db.session.scalar(sa.select(sa.func.count(ExtensionRequest.id)))


def _schema_errors(client, path, method, status, body):
    document = client.get("/api/v1/openapi.json").get_json()
    response = document["paths"][path][method]["responses"][str(status)]
    schema = response["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    return [error.message for error in validator.iter_errors(body)]


def test_ask_list_and_approve(api, cast, db):
    owner, coordinator = api(cast["owner"]), api(cast["coordinator"])
    url = f"/api/v1/items/{cast['item'].id}/extensions"
    created = owner.post(url, json={"new_due_date": "2027-01-31", "reason": "Menunggu SK"})
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert set(body) == FIELDS
    assert (body["status"], body["old_due_date"], body["new_due_date"]) == (
        "pending", "2026-12-15", "2027-01-31")
    assert body["requested_by_id"] == cast["owner"].id and body["decided_at"] is None
    assert datetime.fromisoformat(body["requested_at"]).utcoffset() is not None
    assert _schema_errors(owner, "/items/{item_id}/extensions", "post", 201, body) == []

    listed = coordinator.get(url)
    assert listed.status_code == 200 and listed.get_json() == [body]
    assert _schema_errors(owner, "/items/{item_id}/extensions", "get", 200, listed.get_json()) == []

    decided = coordinator.post(f"/api/v1/extensions/{body['id']}/decision",
                               json={"approve": True, "reason": "Wajar"})
    assert decided.status_code == 200, decided.get_json()
    answer = decided.get_json()
    assert answer["status"] == "approved" and answer["decision_reason"] == "Wajar"
    assert answer["decided_by_id"] == cast["coordinator"].id and answer["decided_at"]
    path = "/extensions/{extension_id}/decision"
    assert _schema_errors(owner, path, "post", 200, answer) == []
    item = owner.get(f"/api/v1/items/{cast['item'].id}").get_json()
    assert item["due_date"] == "2027-01-31" and item["version"] == 2


def test_reject_without_reason_is_422_then_with_reason_200(api, cast, db, now):
    request = services.request_extension(cast["owner"], cast["item"], date(2027, 1, 5), "alasan",
                                         now)
    db.session.commit()
    client = api(cast["coordinator"])
    url = f"/api/v1/extensions/{request.id}/decision"
    missing = client.post(url, json={"approve": False})
    assert missing.status_code == 422 and "reason" in missing.get_json()["error"]["fields"]
    rejected = client.post(url, json={"approve": False, "reason": "Tidak mendesak"})
    assert rejected.status_code == 200 and rejected.get_json()["status"] == "rejected"
    again = client.post(url, json={"approve": True})
    assert again.status_code == 409
    db.session.expire_all()
    assert db.session.get(ActionItem, cast["item"].id).due_date.isoformat() == "2026-12-15"


@pytest.mark.parametrize("body, field", [
    ({"new_due_date": "31/01/2027", "reason": "x"}, "new_due_date"),
    ({"new_due_date": "2027-01-31"}, "reason"),
    ({"new_due_date": "2027-01-31", "reason": 5}, "reason"),
    ({"new_due_date": "2027-01-31", "reason": "x", "colour": "red"}, "colour"),
    ({"new_due_date": "2026-12-15", "reason": "x"}, "new_due_date"),
    ({"new_due_date": "2027-01-31", "reason": ""}, "reason"),
    ({"new_due_date": "2027-01-31", "reason": "x" * 2001}, "reason"),
])
def test_bad_requests_are_422_per_field(api, cast, db, body, field):
    response = api(cast["owner"]).post(f"/api/v1/items/{cast['item'].id}/extensions", json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert _count(db) == 0


def test_the_later_date_message_names_the_current_due_date(api, cast):
    response = api(cast["owner"]).post(f"/api/v1/items/{cast['item'].id}/extensions",
                                       json={"new_due_date": "2026-12-01", "reason": "x"})
    message = response.get_json()["error"]["fields"]["new_due_date"]
    assert "must be later than the current due date" in message and "2026" in message


@pytest.mark.parametrize("body, field", [
    ({"approve": "yes", "reason": "x"}, "approve"),
    ({"reason": "x"}, "approve"),
    ({"approve": True, "extra": 1}, "extra"),
])
def test_bad_decisions_are_422(api, cast, db, now, body, field):
    request = services.request_extension(cast["owner"], cast["item"], date(2027, 1, 5),
                                         "alasan", now)
    db.session.commit()
    response = api(cast["coordinator"]).post(f"/api/v1/extensions/{request.id}/decision", json=body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert db.session.get(ExtensionRequest, request.id).status == "pending"


def test_second_open_request_is_409_and_a_lost_race_is_409_too(api, cast, db, monkeypatch):
    client = api(cast["owner"])
    url = f"/api/v1/items/{cast['item'].id}/extensions"
    assert client.post(url, json={"new_due_date": "2027-01-31", "reason": "a"}).status_code == 201
    second = client.post(url, json={"new_due_date": "2027-02-28", "reason": "b"})
    assert second.status_code == 409
    assert "already an open request" in second.get_json()["error"]["message"]

    monkeypatch.setattr(services, "open_extension", lambda item: None)
    raced = client.post(url, json={"new_due_date": "2027-02-28", "reason": "c"})
    assert raced.status_code == 409 and raced.get_json()["error"]["code"] == "conflict"
    assert _count(db) == 1


def test_permissions_and_visibility(api, cast, db, make_user, now):
    url = f"/api/v1/items/{cast['item'].id}/extensions"
    body = {"new_due_date": "2027-01-31", "reason": "alasan"}
    assert api(cast["coordinator"]).post(url, json=body).status_code == 403
    outsider = make_user(role="member")
    assert api(outsider).get(url).status_code == 404
    assert api(outsider).post(url, json=body).status_code == 404
    assert api(cast["owner"]).post("/api/v1/items/987654/extensions", json=body).status_code == 404
    assert _count(db) == 0

    request = services.request_extension(cast["owner"], cast["item"], date(2027, 1, 5),
                                         "alasan", now)
    db.session.commit()
    decision = {"approve": True}
    assert api(cast["owner"]).post(f"/api/v1/extensions/{request.id}/decision",
                                   json=decision).status_code == 403
    assert api(outsider).post(f"/api/v1/extensions/{request.id}/decision",
                              json=decision).status_code == 404
    assert api(cast["coordinator"]).post("/api/v1/extensions/987654/decision",
                                         json=decision).status_code == 404
    assert db.session.get(ExtensionRequest, request.id).status == "pending"


def test_closed_item_is_409(api, cast, make_item):
    item = make_item(pokja=cast["pokja"], owner=cast["owner"], status="cancelled")
    response = api(cast["owner"]).post(f"/api/v1/items/{item.id}/extensions",
                                       json={"new_due_date": "2027-01-31", "reason": "x"})
    assert response.status_code == 409
