"""GET/POST /api/v1/index-scores, PATCH/DELETE /api/v1/index-scores/<id>."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from rbtasks.rbindex.models import IndexScore

URL = "/api/v1/index-scores"


@pytest.fixture
def admin_api(api, make_user):
    return api(make_user(role="admin"))


def _years(db):
    return db.session.scalars(sa.select(IndexScore.year).order_by(IndexScore.year)).all()


def test_admin_records_the_ntt_history_and_everyone_reads_it(admin_api, api, make_user, db):
    for body in ({"year": 2018, "score": 60.15}, {"year": 2017, "score": 61.65},
                 {"year": 2019, "score": 60.37, "enablers": 36.5, "results": 23.87,
                  "source_note": "LHE KemenPANRB 2019"},
                 {"year": 2021, "target": 71}):
        response = admin_api.post(URL, json=body)
        assert response.status_code == 201, response.get_json()
        assert response.headers["Location"].endswith(f"{URL}/{response.get_json()['id']}")

    listed = api(make_user(role="member")).get(URL)
    assert listed.status_code == 200
    body = listed.get_json()
    assert body["meta"] == {"page": 1, "per_page": 100, "total": 4, "pages": 1}
    assert [(r["year"], r["score"], r["target"], r["grade"]) for r in body["data"]] == [
        (2017, 61.65, None, "B"), (2018, 60.15, None, "B"), (2019, 60.37, None, "B"),
        (2021, None, 71.0, None)]
    assert body["data"][2] == {"id": body["data"][2]["id"], "year": 2019, "score": 60.37,
                               "target": None, "enablers": 36.5, "results": 23.87,
                               "source_note": "LHE KemenPANRB 2019", "grade": "B"}


def test_patch_changes_only_what_is_sent(admin_api, db):
    created = admin_api.post(URL, json={"year": 2020, "score": 65, "source_note": "awal"})
    record_id = created.get_json()["id"]

    patched = admin_api.patch(f"{URL}/{record_id}", json={"score": 71.2})
    assert patched.status_code == 200
    assert (patched.get_json()["score"], patched.get_json()["grade"],
            patched.get_json()["source_note"]) == (71.2, "BB", "awal")


def test_delete(admin_api, db):
    record_id = admin_api.post(URL, json={"year": 2020, "score": 65}).get_json()["id"]
    assert admin_api.delete(f"{URL}/{record_id}").status_code == 204
    assert _years(db) == []
    assert admin_api.delete(f"{URL}/{record_id}").status_code == 404
    assert admin_api.patch(f"{URL}/{record_id}", json={"score": 1}).status_code == 404


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_only_admins_write(admin_api, api, make_user, db, role):
    record_id = admin_api.post(URL, json={"year": 2019, "score": 60.37}).get_json()["id"]
    other = api(make_user(role=role))

    assert other.post(URL, json={"year": 2020, "score": 65}).status_code == 403
    assert other.patch(f"{URL}/{record_id}", json={"score": 99}).status_code == 403
    assert other.delete(f"{URL}/{record_id}").status_code == 403
    assert other.get(URL).status_code == 200
    db.session.expire_all()
    assert _years(db) == [2019]
    assert db.session.scalar(sa.select(IndexScore.score)) == Decimal("60.37")


def test_without_a_token_nothing_is_read(client):
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize("body, field", [
    ({"year": 2019, "score": 60.37, "grade": "A"}, "grade"),  # unknown field
    ({"year": "2019", "score": 60.37}, "year"),
    ({"year": 2019, "score": "60.37"}, "score"),
    ({"year": 2019, "score": True}, "score"),
    ({"year": 1999, "score": 60}, "year"),
    ({"year": 2019, "score": 100.5}, "score"),
    ({"year": 2019, "score": 60.375}, "score"),
    ({"year": 2019, "enablers": 61, "score": 60}, "enablers"),
    ({"year": 2019, "results": 41, "score": 60}, "results"),
    ({"year": 2019}, "score"),
    ({"score": 60}, "year"),
])
def test_bad_bodies_answer_422_per_field(admin_api, db, body, field):
    response = admin_api.post(URL, json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert _years(db) == []


def test_a_second_record_for_a_year_is_422(admin_api, db):
    admin_api.post(URL, json={"year": 2019, "score": 60.37})
    response = admin_api.post(URL, json={"year": 2019, "target": 71})
    assert response.status_code == 422
    assert "year" in response.get_json()["error"]["fields"]
    assert _years(db) == [2019]


def test_a_body_that_is_not_an_object_is_400(admin_api):
    assert admin_api.post(URL, json=[1, 2]).status_code == 400
