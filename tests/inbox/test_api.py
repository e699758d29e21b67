"""``GET /api/v1/inbox``: the token's user's Perlu tindakan, in their language, in the
shape the OpenAPI document gives."""
from datetime import timedelta

import pytest
from jsonschema import Draft202012Validator

from rbtasks.timeutil import local_today, utc_now


@pytest.fixture
def moment():
    return utc_now().replace(microsecond=0)


@pytest.fixture
def plan(build_plan, moment):
    return build_plan(moment, locale="id")


def _schema(client):
    document = client.get("/api/v1/openapi.json").get_json()
    schema = document["paths"]["/inbox"]["get"]["responses"]["200"]["content"][
        "application/json"]["schema"]
    return Draft202012Validator({**schema, "components": document["components"]})


def test_a_coordinator_reads_what_waits_in_indonesian(api, client, plan, moment):
    response = api(plan["ndun"]).get("/api/v1/inbox")

    assert response.status_code == 200
    body = response.get_json()
    assert not list(_schema(client).iter_errors(body))
    assert [entry["item_id"] for entry in body["data"]] == [
        plan["peta"].id, plan["reviu"].id, plan["wbk"].id]
    peta, reviu, wbk = body["data"]
    assert peta["reason_code"] == "overdue"
    assert peta["reason"] == "Lewat tenggat: terlambat 1 hari"
    assert peta["since"] == (local_today(moment) - timedelta(days=1)).isoformat()
    assert [(reason["code"], reason["extension_id"]) for reason in peta["reasons"]] == [
        ("overdue", None), ("extension", plan["peta_request"].id)]
    assert peta["reasons"][1]["reason"].startswith(
        "Oktavianus Pello, S.H., M.H. mengajukan perpanjangan tenggat dari ")
    assert reviu == {
        "item_id": plan["reviu"].id,
        "title": "Melaksanakan reviu laporan keuangan pemerintah daerah",
        "status": "submitted", "due_date": plan["reviu"].due_date.isoformat(),
        "pokja": "Pokja Penguatan Pengawasan", "agency": "Inspektorat Daerah",
        "owner": "Yohanes Seran, S.E.", "reason_code": "to_verify",
        "reason": "Menunggu verifikasi Anda, diajukan oleh Yohanes Seran, S.E.",
        "since": (moment - timedelta(days=2)).isoformat(),
        "reasons": [{"code": "to_verify", "extension_id": None,
                     "reason": "Menunggu verifikasi Anda, diajukan oleh Yohanes Seran, S.E.",
                     "since": (moment - timedelta(days=2)).isoformat()}],
    }
    assert wbk["reasons"][0]["extension_id"] == plan["wbk_request"].id


def test_an_owner_reads_theirs_in_english(api, plan, db, moment):
    plan["seran"].locale = "en"
    db.session.commit()

    data = api(plan["seran"]).get("/api/v1/inbox").get_json()["data"]

    assert [(entry["title"], entry["reason"]) for entry in data] == [
        ("Melaksanakan evaluasi SAKIP perangkat daerah", "Overdue: 2 days late"),
        ("Menyusun SOP pengawasan internal",
         "Returned by Drs. Benediktus Ndun, M.Si.: Daftar hadir rapat belum dilampirkan."),
        ("Mengunggah notulen rapat monev TW III", "The due date is today"),
        ("Melaksanakan survei integritas", "Due in 5 days"),
    ]
    assert data[1]["since"] == (moment - timedelta(days=1)).isoformat()
    assert data[3]["since"] == (local_today(moment) + timedelta(days=5)).isoformat()


def test_a_leader_and_others_see_nothing_that_is_not_theirs(api, plan):
    leader = api(plan["leader"]).get("/api/v1/inbox").get_json()["data"]
    assert [entry["item_id"] for entry in leader] == [plan["esc2"].id]
    assert leader[0]["reason"].startswith("Dieskalasi ke Ketua Tim RB: terlambat ")

    bunga = api(plan["bunga"]).get("/api/v1/inbox").get_json()["data"]
    assert [entry["title"] for entry in bunga] == ["Survei kepuasan masyarakat"]
    assert bunga[0]["owner"] is None


def test_nothing_waiting_is_an_empty_list(api, make_user):
    response = api(make_user(name="Pegawai Baru, A.Md.")).get("/api/v1/inbox")

    assert (response.status_code, response.get_json()) == (200, {"data": []})


def test_without_a_token_it_is_401(client):
    response = client.get("/api/v1/inbox")

    assert response.status_code == 401
    assert response.get_json()["error"]["code"]


def test_a_page_of_it_with_the_total(api, client, plan):
    coordinator = api(plan["ndun"])
    whole = coordinator.get("/api/v1/inbox").get_json()["data"]
    first = coordinator.get("/api/v1/inbox?per_page=2").get_json()
    second = coordinator.get("/api/v1/inbox?page=2&per_page=2").get_json()

    assert [entry["item_id"] for entry in whole] == [
        plan["peta"].id, plan["reviu"].id, plan["wbk"].id]
    assert first == {"data": whole[:2], "meta": {"page": 1, "per_page": 2, "total": 3,
                                                 "pages": 2}}
    assert second["data"] == whole[2:] and second["meta"]["page"] == 2
    assert not list(_schema(client).iter_errors(first))
    assert not list(_schema(client).iter_errors(second))


def test_a_page_number_that_is_not_one_is_422(api, plan):
    response = api(plan["ndun"]).get("/api/v1/inbox?page=nol")

    assert response.status_code == 422
    assert "page" in response.get_json()["error"]["fields"]


def test_an_item_submitted_before_submission_times_were_kept_has_no_since(api, client, plan, db):
    """Items made submitted by an older demo seed or by hand have no submission time."""
    plan["reviu"].submitted_at = None
    db.session.commit()

    response = api(plan["ndun"]).get("/api/v1/inbox")

    assert response.status_code == 200
    body = response.get_json()
    assert not list(_schema(client).iter_errors(body))
    reviu = next(entry for entry in body["data"] if entry["item_id"] == plan["reviu"].id)
    assert reviu["reason_code"] == "to_verify" and reviu["since"] is None
