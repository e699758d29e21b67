"""/api/v1/items/<id>/quarters: the same rules in JSON, amounts as decimal strings."""
from decimal import Decimal

import pytest
import sqlalchemy as sa
from jsonschema import Draft202012Validator

from rbtasks.items.models import ActionItem
from rbtasks.realisation.models import QuarterRealisation


def _schema_errors(client, body, method="get"):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/items/{item_id}/quarters"][method]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": document["components"]})
    return [error.message for error in validator.iter_errors(body)]


def test_get_answers_four_empty_quarters_at_first(api, cast):
    client = api(cast["owner"])
    response = client.get(f"/api/v1/items/{cast['item'].id}/quarters")
    assert response.status_code == 200
    body = response.get_json()
    assert body["progress_from_quarters"] is False and body["progress"] == 20
    assert body["version"] == 1
    assert [q["quarter"] for q in body["quarters"]] == [1, 2, 3, 4]
    assert body["quarters"][0] == {"quarter": 1, "target": None, "realisation": None,
                                   "achievement": None, "obstacles": "", "follow_up": ""}
    assert _schema_errors(client, body) == []


def test_put_replaces_quarters_and_progress_follows(api, cast, db):
    client = api(cast["owner"])
    url = f"/api/v1/items/{cast['item'].id}/quarters"
    response = client.put(url, json={"version": 1, "progress_from_quarters": True, "quarters": [
        {"quarter": 1, "target": "40", "realisation": 30.5, "obstacles": "Rapat tertunda",
         "follow_up": "Jadwalkan ulang"},
        {"quarter": 2, "target": 60},
    ]})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["progress"] == 31 and body["version"] == 2 and body["progress_from_quarters"]
    assert body["quarters"][0]["target"] == "40.00"
    assert body["quarters"][0]["realisation"] == "30.50"
    assert body["quarters"][0]["achievement"] == 76
    assert body["quarters"][1]["realisation"] is None and body["quarters"][2]["target"] is None
    assert _schema_errors(client, body, "put") == []
    assert client.get(url).get_json() == body

    db.session.expire_all()
    item = db.session.get(ActionItem, cast["item"].id)
    assert item.progress == 31
    stored = db.session.scalar(sa.select(QuarterRealisation).where(
        QuarterRealisation.item_id == item.id, QuarterRealisation.quarter == 1))
    assert stored.realisation == Decimal("30.50")


def test_amounts_may_be_sent_as_people_write_them(api, cast):
    client = api(cast["owner"])
    url = f"/api/v1/items/{cast['item'].id}/quarters"
    response = client.put(url, json={"version": 1, "progress_from_quarters": True, "quarters": [
        {"quarter": 1, "target": "1.000.000", "realisation": "12,5"},
        {"quarter": 2, "target": "25,75"}]})
    assert response.status_code == 200, response.get_json()
    quarters = response.get_json()["quarters"]
    assert (quarters[0]["target"], quarters[0]["realisation"]) == ("1000000.00", "12.50")
    assert quarters[1]["target"] == "25.75"

    refused = client.put(url, json={"version": 2, "progress_from_quarters": True,
                                     "quarters": [{"quarter": 1, "target": "1.000"}]})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {
        "quarters.0.target": "“1.000” could mean 1000 or 1; write it without a thousands separator."}


@pytest.mark.parametrize("body, field", [
    ({"progress_from_quarters": False, "quarters": []}, "version"),
    ({"version": 1, "progress_from_quarters": "yes", "quarters": []}, "progress_from_quarters"),
    ({"version": 1, "progress_from_quarters": False, "quarters": [{"quarter": 1, "colour": "red"}]},
     "quarters.0.colour"),
    ({"version": 1, "progress_from_quarters": False, "quarters": [{"quarter": "1"}]},
     "quarters.0.quarter"),
    ({"version": 1, "progress_from_quarters": False, "quarters": [{"quarter": 1, "target": 1.234}]},
     "quarters.0.target"),
    ({"version": 1, "progress_from_quarters": False, "quarters": [{"quarter": 1, "target": -5}]},
     "quarters.0.target"),
    ({"version": 1, "progress_from_quarters": False,
      "quarters": [{"quarter": 3, "target": 1}, {"quarter": 3, "target": 2}]}, "quarters.1.quarter"),
    ({"version": 1, "progress_from_quarters": False,
      "quarters": [{"quarter": 1, "obstacles": "x" * 2001}]}, "quarters.0.obstacles"),
    ({"version": 1, "progress_from_quarters": False, "quarters": [], "progress": 50}, "progress"),
])
def test_bad_input_is_422_per_field_and_changes_nothing(api, cast, db, body, field):
    client = api(cast["owner"])
    response = client.put(f"/api/v1/items/{cast['item'].id}/quarters", json=body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert db.session.scalar(sa.select(sa.func.count(QuarterRealisation.id))) == 0


def test_stale_version_is_409(api, cast):
    client = api(cast["coordinator"])
    url = f"/api/v1/items/{cast['item'].id}/quarters"
    first = client.put(url, json={"version": 1, "progress_from_quarters": False,
                                  "quarters": [{"quarter": 1, "target": 1}]})
    assert first.status_code == 200
    stale = client.put(url, json={"version": 1, "progress_from_quarters": False, "quarters": []})
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "stale_version"
    assert client.get(url).get_json()["quarters"][0]["target"] == "1.00"


def test_permissions_and_visibility(api, cast, make_user, make_item, db):
    member = make_user(role="member")
    cast["pokja"].members.append(member)
    db.session.commit()
    url = f"/api/v1/items/{cast['item'].id}/quarters"
    body = {"version": 1, "progress_from_quarters": False, "quarters": [{"quarter": 1, "target": 1}]}
    assert api(member).get(url).status_code == 200
    forbidden = api(member).put(url, json=body)
    assert forbidden.status_code == 403
    outsider = make_user(role="member")
    assert api(outsider).get(url).status_code == 404
    assert api(outsider).put(url, json=body).status_code == 404
    assert api(member).get("/api/v1/items/987654/quarters").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(QuarterRealisation.id))) == 0


def test_done_item_is_409_naming_the_status(api, cast, make_item):
    item = make_item(pokja=cast["pokja"], owner=cast["owner"], status="done", progress=100)
    response = api(cast["owner"]).put(f"/api/v1/items/{item.id}/quarters", json={
        "version": 1, "progress_from_quarters": True, "quarters": [{"quarter": 1, "target": 1}]})
    assert response.status_code == 409
    assert "Done" in response.get_json()["error"]["message"]
