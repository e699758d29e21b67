"""The assessments API: start, answer, evidence, read, gap → item, hostile input."""
import io
import json
from decimal import Decimal

import pytest
import sqlalchemy as sa

from rbtasks.evidence.models import Evidence
from rbtasks.pmprb.models import AssessmentAnswer
from rbtasks.rbindex.models import IndexScore
from tests.pmprb.conftest import EXAMPLE

URL = "/api/v1/pmprb/assessments"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def admin(make_user):
    return make_user(role="admin")


@pytest.fixture
def started(api, admin, make_instrument):
    made = {}

    def start(spec=None, agency_id=None, year=2026):
        if "instrument" not in made:
            made["instrument"] = make_instrument(spec)
        instrument = made["instrument"]
        response = api(admin).post(URL, json={"instrument_id": instrument.id, "year": year,
                                              "agency_id": agency_id})
        assert response.status_code == 201, response.get_json()
        return response.get_json()
    return start


def test_the_issue_example_through_the_api(api, admin, started, db, now):
    db.session.add_all([IndexScore(year=2019, score=Decimal("60.37"), updated_at=now),
                        IndexScore(year=2026, target=Decimal(71), updated_at=now)])
    db.session.commit()
    body = started(EXAMPLE)
    assert body["estimated_index"] == 0 and body["agency_id"] is None
    client = api(admin)
    saved = client.put(f"{URL}/{body['id']}/answers", json=[
        {"indicator_code": "A.1.1", "self_answer": "ya", "evaluator_answer": "ya"},
        {"indicator_code": "A.1.2", "self_answer": "62,5", "note": "Data triwulan IV"}])
    assert saved.status_code == 403  # the evaluator's answer is the evaluator's
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 0
    # The sheet's four columns, the evaluator's left blank: the unit's answers count.
    saved = client.put(f"{URL}/{body['id']}/answers", json=[
        {"indicator_code": "A.1.1", "self_answer": "ya", "evaluator_answer": None, "note": ""},
        {"indicator_code": "A.1.2", "self_answer": "62,5", "evaluator_answer": "",
         "note": "Data triwulan IV"}])
    assert saved.status_code == 200, saved.get_json()
    summary = saved.get_json()
    assert summary == client.get(f"{URL}/{body['id']}").get_json()
    assert summary["estimated_index"] == 16.25
    assert summary["grade"] == "D"
    assert summary["evaluator_index"] == 0 and summary["evaluator_grade"] == "D"
    assert summary["difference"] == -16.25
    assert (summary["target"], summary["official_index"], summary["official_year"]) == (
        71.0, 60.37, 2019)
    assert summary["components"] == [{"code": "A", "name": "Pengungkit", "weight": 60.0,
                                      "score": 16.25, "evaluator_score": 0.0}]
    assert summary["gaps"] == [{"indicator_code": "A.1.2", "points_lost": 3.75, "item_ids": [],
                                "question": "Persentase rencana aksi yang terealisasi"}]
    answers = {row["indicator_code"]: row for row in summary["answers"]}
    assert answers["A.1.2"]["self_value"] == 0.625 and answers["A.1.2"]["score"] == 6.25
    assert answers["A.1.2"]["note"] == "Data triwulan IV"


def test_an_evaluator_answers_through_the_api(api, make_user, started):
    body = started()
    evaluator = make_user(role="coordinator", is_evaluator=True)
    response = api(evaluator).put(f"{URL}/{body['id']}/answers", json=[
        {"indicator_code": "B.1.1", "self_answer": 80, "evaluator_answer": "72,5"}])
    assert response.status_code == 200
    assert (response.get_json()["estimated_index"], response.get_json()["evaluator_index"]) == (
        32.0, 29.0)
    assert response.get_json()["difference"] == -3.0


def test_duplicate_start_is_409_and_bad_values_422(api, admin, started):
    body = started()
    client = api(admin)
    again = client.post(URL, json={"instrument_id": body["instrument_id"], "year": 2026,
                                   "agency_id": None})
    assert again.status_code == 409
    for bad in ({"instrument_id": body["instrument_id"], "year": "2026"},
                {"instrument_id": 2**31, "year": 2026},
                {"instrument_id": body["instrument_id"], "year": 10**20},
                {"instrument_id": body["instrument_id"], "year": 2026, "extra": 1}):
        assert client.post(URL, json=bad).status_code == 422, bad


def test_the_list_shows_only_what_the_user_reads(api, admin, make_user, make_agency, started):
    agency = make_agency(name="Dinas Kesehatan")
    mine = started(agency_id=agency.id)
    started()
    member = make_user(role="member", agency=agency)
    listed = api(member).get(URL).get_json()
    assert [row["id"] for row in listed["data"]] == [mine["id"]]
    assert listed["data"][0]["agency_name"] == "Dinas Kesehatan"
    assert listed["meta"]["total"] == 1
    assert api(admin).get(URL).get_json()["meta"]["total"] == 2
    assert api(make_user(role="member")).get(f"{URL}/{mine['id']}").status_code == 404


def test_unknown_codes_and_bad_answers_change_nothing(api, admin, started, db):
    body = started()
    client = api(admin)
    response = client.put(f"{URL}/{body['id']}/answers", json=[
        {"indicator_code": "A.1.1", "self_answer": "ya"},
        {"indicator_code": "X.9", "self_answer": "ya"},
        {"indicator_code": "A.2.1", "self_answer": "z"}])
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert set(fields) == {"X.9", "A.2.1"}
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 0


@pytest.mark.parametrize("raw", [
    b'[{"indicator_code": "A.1.1", "self_answer": "ya", "self_answer": "tidak"}]',
    b'{"indicator_code": "A.1.1"}',
    b'[{"indicator_code": "A.1.1", "self_answer": NaN}]',
])
def test_ambiguous_bodies_are_400(api, admin, started, raw):
    body = started()
    response = api(admin).put(f"{URL}/{body['id']}/answers", data=raw,
                              headers={"Content-Type": "application/json"})
    assert response.status_code == 400


@pytest.mark.parametrize("row", [
    {"indicator_code": "A.1.1", "self_answer": "ya\u0000"},
    {"indicator_code": "A.1.1\u0000", "self_answer": "ya"},
    {"indicator_code": "A.1.2", "self_answer": 10**400},
    {"indicator_code": "A.1.1", "self_answer": "ya", "note": "x" * 5001},
    {"indicator_code": "A.1.1", "self_answer": ["ya"]},
    {"indicator_code": "A.1.1", "colour": "biru"},
    {"indicator_code": 11},
])
def test_hostile_rows_are_422(api, admin, started, db, row):
    body = started()
    response = api(admin).put(f"{URL}/{body['id']}/answers",
                              data=json.dumps([row]), headers={"Content-Type":
                                                               "application/json"})
    assert response.status_code in (400, 422), response.get_json()
    assert response.status_code == 422 or row["self_answer"] == 10**400
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 0


def test_a_huge_percent_is_capped_and_a_huge_number_refused(api, admin, started):
    body = started()
    client = api(admin)
    capped = client.put(f"{URL}/{body['id']}/answers", json=[
        {"indicator_code": "B.1.1", "self_answer": 10**30}])
    assert capped.status_code == 200 and capped.get_json()["estimated_index"] == 40.0
    refused = client.put(f"{URL}/{body['id']}/answers", json=[
        {"indicator_code": "B.1.1", "self_answer": 10**60}])
    assert refused.status_code == 422


def test_ten_thousand_rows_are_refused(api, admin, started, db):
    body = started()
    rows = [{"indicator_code": "A.1.1", "self_answer": "ya"}] * 10_000
    response = api(admin).put(f"{URL}/{body['id']}/answers", json=rows)
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 0


def test_gap_to_item_through_the_api(api, admin, started, make_user, make_area, make_pokja,
                                     make_agency):
    agency = make_agency()
    coordinator = make_user(role="coordinator")
    make_pokja(area=make_area(name="Manajemen Perubahan"), coordinators=[coordinator])
    body = started(agency_id=agency.id)
    owner = make_user(role="member", agency=agency)
    client = api(coordinator)
    response = client.post(f"{URL}/{body['id']}/gaps/A.1.2/items",
                           json={"owner_id": owner.id, "due_date": "2026-12-31"})
    assert response.status_code == 201, response.get_json()
    item_id = response.get_json()["id"]
    sheet = client.get(f"{URL}/{body['id']}").get_json()
    gap = next(gap for gap in sheet["gaps"] if gap["indicator_code"] == "A.1.2")
    assert gap["item_ids"] == [item_id] and gap["points_lost"] == 10.0
    item = client.get(f"/api/v1/items/{item_id}").get_json()
    assert item["title"] == "Tindak lanjut PMPRB A.1.2: Persentase rencana aksi yang terealisasi"
    assert client.post(f"{URL}/{body['id']}/gaps/A.9/items",
                       json={"due_date": "2026-12-31"}).status_code == 422
    assert api(make_user(role="leader")).post(
        f"{URL}/{body['id']}/gaps/A.1.2/items",
        json={"owner_id": owner.id, "due_date": "2026-12-31"}).status_code == 403


def test_the_answers_states_through_the_api(api, admin, started, make_user):
    """draft → submitted (the unit) → reviewed or back to draft with a note (the evaluator)."""
    body = started(EXAMPLE)
    url = f"{URL}/{body['id']}"
    unit = api(admin)
    evaluator = api(make_user(role="member", is_evaluator=True,
                              name="Dr. Maria Bessie, S.Kom., M.T."))

    def states(response):
        return {row["indicator_code"]: row["state"] for row in response.get_json()["answers"]}

    assert unit.post(f"{url}/submit").status_code == 409  # nothing answered yet
    unit.put(f"{url}/answers", json=[{"indicator_code": "A.1.1", "self_answer": "ya"},
                                     {"indicator_code": "A.1.2", "self_answer": "62,5"}])
    assert evaluator.post(f"{url}/answers/A.1.1/review").status_code == 409  # still a draft
    submitted = unit.post(f"{url}/submit")
    assert submitted.status_code == 200
    assert states(submitted)["A.1.1"] == "submitted" and states(submitted)["A.1.2"] == "submitted"
    assert unit.post(f"{url}/answers/A.1.1/review").status_code == 403  # not an evaluator

    reviewed = evaluator.post(f"{url}/answers/A.1.1/review")
    assert reviewed.status_code == 200 and states(reviewed)["A.1.1"] == "reviewed"
    changed = unit.put(f"{url}/answers", json=[{"indicator_code": "A.1.1", "self_answer": "tidak"}])
    assert changed.status_code == 409  # reviewed: the unit's answer stands

    assert evaluator.post(f"{url}/answers/A.1.2/return", json={"note": ""}).status_code == 422
    returned = evaluator.post(f"{url}/answers/A.1.2/return",
                              json={"note": "Lampirkan laporan realisasi TW IV"})
    assert returned.status_code == 200
    row = next(r for r in returned.get_json()["answers"] if r["indicator_code"] == "A.1.2")
    assert (row["state"], row["evaluator_note"]) == ("draft", "Lampirkan laporan realisasi TW IV")
    assert evaluator.post(f"{url}/answers/Z.9/review").status_code == 422


def test_evidence_of_an_answer_through_the_api(api, admin, started, make_user, make_agency, db):
    """The SK and the photo of the socialisation as the worksheet page takes them:
    listed with the answer's code, downloadable, frozen once the answer is reviewed."""
    agency = make_agency(name="Inspektorat Daerah")
    body = started(EXAMPLE, agency_id=agency.id)
    url = f"{URL}/{body['id']}/answers/A.1.1/evidence"
    head = api(make_user(role="agency_head", agency=agency,
                         name="Oktavianus Pello, S.H., M.H."))
    assert head.get(url).get_json() == []  # no answer yet, and none is made by reading
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 0

    link = head.post(url, json={"kind": "tautan", "description": "SK Gubernur 12,5 ha",
                                "url": "https://jdih.nttprov.go.id/sk/2026/31"})
    assert link.status_code == 201, link.get_json()
    assert link.headers.get("Location") is None
    file = head.post(url, content_type="multipart/form-data", data={
        "kind": "laporan", "description": "Laporan sosialisasi 31 Desember 2026",
        "file": (io.BytesIO(PDF), "laporan sosialisasi.pdf")})
    assert file.status_code == 201, file.get_json()
    listed = head.get(url).get_json()
    assert [(row["indicator_code"], row["assessment_id"], row["kind"]) for row in listed] == [
        ("A.1.1", body["id"], "tautan"), ("A.1.1", body["id"], "laporan")]
    assert listed[0]["url"] == "https://jdih.nttprov.go.id/sk/2026/31"
    assert head.get(listed[1]["download_url"]).data == PDF
    assert file.headers["Location"].endswith(listed[1]["download_url"])
    sheet = head.get(f"{URL}/{body['id']}").get_json()
    counts = {row["indicator_code"]: row["evidence_count"] for row in sheet["answers"]}
    assert counts["A.1.1"] == 2 and counts["A.1.2"] == 0
    assert head.get(f"{URL}/{body['id']}/answers/A.1.2/evidence").get_json() == []

    # Readers who do not answer for the unit may look but not add.
    leader = api(make_user(role="leader"))
    assert len(leader.get(url).get_json()) == 2
    refused = leader.post(url, json={"kind": "tautan", "url": "https://ntt.go.id/x"})
    assert refused.status_code == 403
    # Outsiders see nothing; unknown indicators are 404.
    outsider = api(make_user(role="member"))
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, json={"kind": "tautan", "url": "https://ntt.go.id/x"}
                         ).status_code == 404
    assert head.get(f"{URL}/{body['id']}/answers/Z.9/evidence").status_code == 404
    assert head.post(f"{URL}/{body['id']}/answers/Z.9/evidence",
                     json={"kind": "tautan", "url": "https://ntt.go.id/x"}).status_code == 404

    # Reviewed: the evidence can no longer change.
    head.put(f"{URL}/{body['id']}/answers", json=[{"indicator_code": "A.1.1", "self_answer": "ya"}])
    head.post(f"{URL}/{body['id']}/submit")
    evaluator = api(make_user(role="member", is_evaluator=True))
    assert evaluator.post(f"{URL}/{body['id']}/answers/A.1.1/review").status_code == 200
    late = head.post(url, json={"kind": "tautan", "url": "https://ntt.go.id/terlambat"})
    assert late.status_code == 409
    assert db.session.scalar(sa.select(sa.func.count(Evidence.id))) == 2


@pytest.mark.parametrize("bad", [
    {"kind": "tautan", "url": "javascript:alert(1)"},
    {"kind": "tautan", "url": "https://ntt.go.id/\u0000"},
    {"kind": "sertifikat", "url": "https://ntt.go.id/sk"},
    {"kind": "tautan", "url": "https://ntt.go.id/sk", "description": "x" * 10_000},
    {"kind": "tautan", "url": "https://ntt.go.id/sk", "answer_id": 2**63},
])
def test_bad_answer_evidence_is_refused_and_changes_nothing(api, admin, started, db, bad):
    body = started(EXAMPLE)
    response = api(admin).post(f"{URL}/{body['id']}/answers/A.1.1/evidence", json=bad)
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"]["message"]
    assert db.session.scalar(sa.select(sa.func.count(Evidence.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 0


def test_a_file_that_is_not_what_it_claims_is_refused(api, admin, started, db):
    body = started(EXAMPLE)
    response = api(admin).post(
        f"{URL}/{body['id']}/answers/A.1.1/evidence", content_type="multipart/form-data",
        data={"kind": "laporan", "file": (io.BytesIO(b"MZ\x90\x00 not a pdf"), "sk.pdf")})
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(Evidence.id))) == 0
