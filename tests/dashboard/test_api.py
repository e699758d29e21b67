"""GET /api/v1/summary: the dashboard's numbers as JSON, in the documented shape."""
import pytest
from jsonschema import Draft202012Validator

from rbtasks.rbindex.models import IndexScore
from rbtasks.timeutil import local_today, utc_now


@pytest.fixture
def plan(build_plan, app):
    return build_plan(local_today(utc_now()))


def _validate(client, path, method, status, body):
    document = client.get("/api/v1/openapi.json").get_json()
    schema = (document["paths"][path][method]["responses"][str(status)]
              ["content"]["application/json"]["schema"])
    validator = Draft202012Validator({**schema, "components": document["components"]})
    errors = sorted(validator.iter_errors(body), key=str)
    assert not errors, errors[0].message


def test_the_summary_matches_its_documented_schema(plan, api, client):
    response = api(plan.users.coord12).get("/api/v1/summary")
    assert response.status_code == 200
    body = response.get_json()
    _validate(client, "/summary", "get", 200, body)
    assert body["scope"] == {"kind": "pokja", "agency_id": None, "owner_id": None,
                             "pokja_ids": sorted([plan.pokjas["P1"].id, plan.pokjas["P2"].id])}
    assert body["headline"]["total"] == 8
    assert [row["name"] for row in body["pokjas"]] == ["Pokja Akuntabilitas",
                                                      "Pokja Pelayanan Publik"]
    assert body["agencies"][0]["most_overdue_working_days"] is not None


def test_filters_narrow_the_summary(plan, api):
    client = api(plan.users.leader)
    p1, a1 = plan.pokjas["P1"].id, plan.agencies["A1"].id
    body = client.get(f"/api/v1/summary?pokja_id={p1}&agency_id={a1}").get_json()
    assert body["headline"]["total"] == 3
    assert body["queries"]["total"] == f"pokja_id={p1}&agency_id={a1}"


@pytest.mark.parametrize("query, field", [("pokja_id=abc", "pokja_id"),
                                          ("agency_id=0", "agency_id"),
                                          ("pokja_id=987654", "pokja_id")])
def test_bad_filters_answer_422(plan, api, client, query, field):
    response = api(plan.users.leader).get(f"/api/v1/summary?{query}")
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    _validate(client, "/summary", "get", 422, response.get_json())


def test_a_coordinator_cannot_look_into_another_pokja(plan, api):
    response = api(plan.users.coord1).get(f"/api/v1/summary?pokja_id={plan.pokjas['P2'].id}")
    assert response.status_code == 422


def test_without_a_token_there_is_no_summary(client):
    assert client.get("/api/v1/summary").status_code == 401


def test_index_score_answers_match_their_schemas(api, make_user, client, db, now):
    admin = api(make_user(role="admin"))
    created = admin.post("/api/v1/index-scores", json={"year": 2019, "score": 60.37,
                                                       "enablers": 36.5, "results": 23.87})
    _validate(client, "/index-scores", "post", 201, created.get_json())
    record_id = created.get_json()["id"]
    patched = admin.patch(f"/api/v1/index-scores/{record_id}", json={"target": 71})
    _validate(client, "/index-scores/{id}", "patch", 200, patched.get_json())
    listed = admin.get("/api/v1/index-scores")
    _validate(client, "/index-scores", "get", 200, listed.get_json())
    invalid = admin.post("/api/v1/index-scores", json={"year": 2019, "score": 60.37})
    _validate(client, "/index-scores", "post", 422, invalid.get_json())
    assert db.session.get(IndexScore, record_id) is not None
