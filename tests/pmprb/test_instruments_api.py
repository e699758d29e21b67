"""``/api/v1/pmprb/instruments``: the list, the tree, loading (admins), faults by node."""
import io
import json

import pytest
import sqlalchemy as sa

from rbtasks.pmprb.models import Instrument
from tests.pmprb.instrument_files import ISSUE_EXAMPLE, example

URL = "/api/v1/pmprb/instruments"


@pytest.fixture
def admin_api(api, make_user):
    return api(make_user(role="admin", name="Oktavianus Pello, S.H., M.H."))


def test_an_admin_loads_the_example_and_everyone_reads_it(admin_api, api, make_user, db):
    response = admin_api.post(URL, json=example())

    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert response.headers["Location"].endswith(f"{URL}/{body['id']}")
    assert body["warnings"] == [
        {"node": "A", "message": "its parts weigh 20 of its 60 points."},
        {"node": "(instrument)", "message": "the components weigh 60 of 100 points."}]
    member = api(make_user(role="member", name="Dr. Maria Bessie, S.Kom., M.T."))

    listed = member.get(URL).get_json()["data"]
    assert listed == [{"id": body["id"], "name": "Contoh instrumen PMPRB", "year": 2026,
                       "is_sample": False, "indicator_count": 2, "weight": 60.0}]
    tree = member.get(f"{URL}/{body['id']}").get_json()
    assert tree["components"][0]["code"] == "A"
    pemenuhan = tree["components"][0]["children"][0]
    assert (pemenuhan["code"], pemenuhan["weight"]) == ("A.1", 20.0)
    assert [(i["code"], i["answer_type"], i["evidence"]) for i in pemenuhan["indicators"]] == [
        ("A.1.1", "yes_no", "SK Tim RB"), ("A.1.2", "percent", "")]


def test_a_file_can_be_sent_as_multipart(admin_api, db):
    response = admin_api.post(URL + "?strict=false", content_type="multipart/form-data",
                              data={"file": (io.BytesIO(ISSUE_EXAMPLE.encode()), "contoh.yaml")})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["indicator_count"] == 2


def test_faults_come_as_a_422_listed_by_node_and_nothing_is_loaded(admin_api, db):
    mapping = example()
    mapping["components"][0]["children"][0]["weight"] = 75
    mapping["components"][0]["children"][0]["indicators"][1]["answer_type"] = "skala"

    response = admin_api.post(URL, json=mapping)

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["message"] == "The instrument was not loaded: 2 faults."
    assert error["fields"] == {
        "A.1.2": "unknown answer type 'skala'; use one of yes_no, abc, abcd, abcde, percent, "
                 "number.",
        "A": "its parts weigh 75 points, more than its 60."}
    assert db.session.scalar(sa.select(sa.func.count(Instrument.id))) == 0


def test_strict_is_a_query_argument(admin_api, db):
    response = admin_api.post(URL + "?strict=true", json=example())
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["A"] == "its parts weigh 20 of its 60 points."
    assert admin_api.post(URL + "?strict=perhaps", json=example()).status_code == 422


def test_the_same_name_and_year_is_a_conflict(admin_api, db):
    assert admin_api.post(URL, json=example()).status_code == 201
    again = admin_api.post(URL, json=example())
    assert again.status_code == 409
    assert "loaded already" in again.get_json()["error"]["message"]
    assert admin_api.post(URL + "?replace=true", json=example()).status_code == 201
    assert db.session.scalar(sa.select(sa.func.count(Instrument.id))) == 1


@pytest.mark.parametrize("raw, status", [
    ('{"name": "a", "name": "b", "year": 2026, "components": []}', 400),
    ('{"name": "a", "year": NaN, "components": []}', 400),
    ('{"name": "Contoh\\u0000", "year": 2026, "components": []}', 422),
    ('{"name": "a", "year": 99999999999999999999999, "components": []}', 422),
    ("[" * 10_000 + "]" * 10_000, 400),
    ("[]", 400),
])
def test_hostile_json_bodies_are_refused(admin_api, db, raw, status):
    response = admin_api.post(URL, data=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == status, response.get_json()
    assert db.session.scalar(sa.select(sa.func.count(Instrument.id))) == 0


def test_hostile_multipart_uploads_are_refused(admin_api, db):
    cases = [
        ({"file": (io.BytesIO(b"a: &x 1\nb: *x\n"), "bom.yaml")}, "YAML alias"),
        ({"file": (io.BytesIO(b"#" * (2 * 1024 * 1024 + 10)), "besar.yaml")}, "2 MB"),
        ({"file": (io.BytesIO(json.dumps(example()).encode()), "a.json"),
          "catatan": "x"}, "Some fields are not valid."),
        ({}, "exactly one file"),
    ]
    for data, message in cases:
        response = admin_api.post(URL, content_type="multipart/form-data", data=data)
        assert response.status_code == 422, data
        error = response.get_json()["error"]
        assert message in error["message"] + " ".join(error["fields"].values())
    assert db.session.scalar(sa.select(sa.func.count(Instrument.id))) == 0


def test_only_admins_load_and_unknown_ids_are_404(api, make_user, db):
    coordinator = api(make_user(role="coordinator"))
    evaluator = api(make_user(role="member", is_evaluator=True))
    assert coordinator.post(URL, json=example()).status_code == 403
    assert evaluator.post(URL, json=example()).status_code == 403
    assert coordinator.get(f"{URL}/987654").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Instrument.id))) == 0


def test_an_admin_deletes_an_unused_instrument_through_the_api(admin_api, api, make_user, db):
    from rbtasks.pmprb.models import InstrumentNode

    wrong = admin_api.post(URL, json=example()).get_json()["id"]
    used = admin_api.post(URL, json={**example(), "name": "Instrumen terpakai"}).get_json()["id"]
    started = admin_api.post("/api/v1/pmprb/assessments",
                             json={"instrument_id": used, "year": 2026, "agency_id": None})
    assert started.status_code == 201

    assert api(make_user(role="coordinator")).delete(f"{URL}/{wrong}").status_code == 403
    conflict = admin_api.delete(f"{URL}/{used}")
    assert conflict.status_code == 409 and "cannot be deleted" in conflict.get_json()["error"][
        "message"]
    assert admin_api.delete(f"{URL}/{2**40}").status_code == 404
    assert admin_api.delete(f"{URL}/{wrong}").status_code == 204
    assert admin_api.get(f"{URL}/{wrong}").status_code == 404
    assert admin_api.delete(f"{URL}/{wrong}").status_code == 404
    assert db.session.scalars(sa.select(Instrument.id)).all() == [used]
    assert db.session.scalar(sa.select(sa.func.count(InstrumentNode.id)).where(
        InstrumentNode.instrument_id == wrong)) == 0
