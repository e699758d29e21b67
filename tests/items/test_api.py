"""/api/v1/items: the same services and permissions as the pages, answered in JSON."""
from datetime import date, datetime

import sqlalchemy as sa

from rbtasks.items.models import ActionItem


def _setup(make_user, make_pokja, make_agency):
    coordinator = make_user(role="coordinator")
    pokja = make_pokja(coordinators=[coordinator])
    agency = make_agency()
    return coordinator, pokja, agency


def _count(db):
    return db.session.scalar(sa.select(sa.func.count(ActionItem.id)))


def test_create_then_read_back_with_timezone_offsets(api, make_user, make_pokja, make_agency, db):
    coordinator, pokja, agency = _setup(make_user, make_pokja, make_agency)
    client = api(coordinator)
    response = client.post("/api/v1/items", json={
        "title": "Menyusun peta proses bisnis", "pokja_id": pokja.id, "agency_id": agency.id,
        "due_date": "2026-12-31", "budget": 25_000_000, "priority": "high",
    })
    assert response.status_code == 201
    body = response.get_json()
    assert response.headers["Location"].endswith(f"/api/v1/items/{body['id']}")
    assert body["status"] == "not_started" and body["version"] == 1
    assert body["due_date"] == "2026-12-31" and body["budget"] == 25_000_000
    assert datetime.fromisoformat(body["created_at"]).utcoffset() is not None
    again = client.get(f"/api/v1/items/{body['id']}").get_json()
    assert again == body


def test_budget_may_be_sent_as_people_write_rupiah(api, make_user, make_pokja, make_agency):
    coordinator, pokja, agency = _setup(make_user, make_pokja, make_agency)
    client = api(coordinator)
    base = {"title": "Reviu SOP", "pokja_id": pokja.id, "agency_id": agency.id,
            "due_date": "2026-12-31"}
    for typed in ("Rp 15.000.000", "15.000.000", "15.000.000,00", 15_000_000):
        response = client.post("/api/v1/items", json={**base, "budget": typed})
        assert response.status_code == 201, (typed, response.get_json())
        assert response.get_json()["budget"] == 15_000_000
    item_id = response.get_json()["id"]
    patched = client.patch(f"/api/v1/items/{item_id}", json={"version": 1, "budget": "Rp 7.500.000"})
    assert patched.status_code == 200 and patched.get_json()["budget"] == 7_500_000

    refused = client.post("/api/v1/items", json={**base, "budget": "lima belas juta"})
    assert refused.status_code == 422
    assert refused.get_json()["error"]["fields"] == {"budget": "“lima belas juta” is not a number."}


def test_bad_input_is_422_per_field_and_creates_nothing(api, make_user, make_pokja, make_agency, db):
    coordinator, pokja, agency = _setup(make_user, make_pokja, make_agency)
    client = api(coordinator)
    cases = [
        ({"title": "x", "pokja_id": "1", "agency_id": agency.id, "due_date": "2026-12-01"}, "pokja_id"),
        ({"title": "x", "pokja_id": pokja.id, "agency_id": agency.id, "due_date": "31/12/2026"}, "due_date"),
        ({"title": "x" * 5000, "pokja_id": pokja.id, "agency_id": agency.id, "due_date": "2026-12-01"}, "title"),
        ({"title": "x", "pokja_id": pokja.id, "agency_id": 999999, "due_date": "2026-12-01"}, "agency_id"),
        ({"title": "x", "pokja_id": pokja.id, "agency_id": agency.id, "due_date": "2026-12-01", "progress": 101}, "progress"),
        ({"title": "x", "pokja_id": pokja.id, "agency_id": agency.id, "due_date": "2026-12-01", "colour": "red"}, "colour"),
        ({"title": "x", "pokja_id": pokja.id, "agency_id": agency.id, "due_date": "2026-12-01", "status": "finished"}, "status"),
        ({"title": "x", "pokja_id": pokja.id, "agency_id": agency.id, "due_date": "2026-12-01", "owner_id": 424242}, "owner_id"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/items", json=body)
        assert response.status_code == 422, (field, response.get_json())
        error = response.get_json()["error"]
        assert error["code"] == "validation_error" and field in error["fields"], (field, error)
    assert _count(db) == 0


def test_malformed_json_is_400(api, make_user):
    client = api(make_user(role="admin"))
    response = client.post("/api/v1/items", data="{not json", headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"
    response = client.post("/api/v1/items", json=[1, 2, 3])
    assert response.status_code == 400


def test_member_may_not_create_and_gets_403(api, make_user, make_pokja, make_agency, db):
    member = make_user(role="member")
    pokja = make_pokja(members=[member])
    response = api(member).post("/api/v1/items", json={
        "title": "x", "pokja_id": pokja.id, "agency_id": make_agency().id, "due_date": "2026-12-01"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"
    assert _count(db) == 0


def test_list_filters_and_pagination(api, make_user, make_pokja, make_item, make_agency, now):
    leader = make_user(role="leader")
    agency = make_agency()
    pokja = make_pokja()
    for n in range(5):
        make_item(pokja=pokja, agency=agency, title=f"Sosialisasi {n}", due_date=date(2026, 12, 1 + n))
    make_item(title="Laporan PMPRB", due_date=date(2026, 11, 1), status="in_progress")
    make_item(title="Sudah selesai", due_date=date(2026, 11, 1), status="done")
    client = api(leader)

    body = client.get(f"/api/v1/items?pokja_id={pokja.id}&per_page=2&page=2").get_json()
    assert body["meta"] == {"page": 2, "per_page": 2, "total": 5, "pages": 3,
                            "total_exact": True, "next_cursor": body["meta"]["next_cursor"]}
    assert [i["title"] for i in body["data"]] == ["Sosialisasi 2", "Sosialisasi 3"]

    overdue = client.get("/api/v1/items?overdue=true").get_json()
    assert [i["title"] for i in overdue["data"]] == ["Laporan PMPRB"]
    searched = client.get("/api/v1/items?q=pmprb").get_json()
    assert searched["meta"]["total"] == 1
    window = client.get("/api/v1/items?due_after=2026-12-02&due_before=2026-12-03").get_json()
    assert [i["title"] for i in window["data"]] == ["Sosialisasi 1", "Sosialisasi 2"]
    statuses = client.get("/api/v1/items?status=done,in_progress&sort=title").get_json()
    assert [i["title"] for i in statuses["data"]] == ["Laporan PMPRB", "Sudah selesai"]


def test_list_shows_only_what_the_user_may_see(api, make_user, make_pokja, make_item, make_agency):
    head_agency = make_agency()
    head = make_user(role="agency_head", agency=head_agency)
    mine = make_item(agency=head_agency, title="Milik dinas")
    make_item(title="Dinas lain")
    body = api(head).get("/api/v1/items").get_json()
    assert [i["id"] for i in body["data"]] == [mine.id]


def test_bad_filters_are_422_not_500(api, make_user):
    client = api(make_user(role="leader"))
    for query in ("due_before=yesterday", "pokja_id=abc", "per_page=1000", "status=nope",
                  "sort=drop table", "overdue=maybe", "page=0", f"q={'x' * 300}"):
        response = client.get(f"/api/v1/items?{query}")
        assert response.status_code == 422, query


def test_patch_with_version_and_conflict(api, make_user, make_pokja, make_item, db):
    coordinator = make_user(role="coordinator")
    item = make_item(pokja=make_pokja(coordinators=[coordinator]))
    client = api(coordinator)
    first = client.patch(f"/api/v1/items/{item.id}", json={"version": 1, "progress": 30})
    assert first.status_code == 200 and first.get_json()["version"] == 2
    stale = client.patch(f"/api/v1/items/{item.id}", json={"version": 1, "progress": 90})
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "stale_version"
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).progress == 30
    missing = client.patch(f"/api/v1/items/{item.id}", json={"progress": 90})
    assert missing.status_code == 422 and "version" in missing.get_json()["error"]["fields"]


def test_owner_may_patch_progress_but_not_title(api, make_user, make_item, db):
    owner = make_user(role="member")
    item = make_item(owner=owner, title="Asli")
    client = api(owner)
    refused = client.patch(f"/api/v1/items/{item.id}", json={"version": 1, "progress": 50, "title": "Ganti"})
    assert refused.status_code == 403
    db.session.expire_all()
    unchanged = db.session.get(ActionItem, item.id)
    assert (unchanged.title, unchanged.progress, unchanged.version) == ("Asli", 0, 1)
    allowed = client.patch(f"/api/v1/items/{item.id}", json={"version": 1, "progress": 50})
    assert allowed.status_code == 200 and allowed.get_json()["progress"] == 50


def test_agency_head_reassigns_only_within_the_agency(api, make_user, make_item, make_agency, db):
    agency = make_agency()
    head = make_user(role="agency_head", agency=agency)
    colleague = make_user(role="member", agency=agency)
    outsider = make_user(role="member")
    item = make_item(agency=agency)
    client = api(head)
    outside = client.patch(f"/api/v1/items/{item.id}", json={"version": 1, "owner_id": outsider.id})
    assert outside.status_code == 422 and "owner_id" in outside.get_json()["error"]["fields"]
    inside = client.patch(f"/api/v1/items/{item.id}", json={"version": 1, "owner_id": colleague.id})
    assert inside.status_code == 200 and inside.get_json()["owner_id"] == colleague.id


def test_delete_then_404_and_history_kept(api, make_user, make_pokja, make_item):
    coordinator = make_user(role="coordinator")
    item = make_item(pokja=make_pokja(coordinators=[coordinator]))
    client = api(coordinator)
    assert client.delete(f"/api/v1/items/{item.id}").status_code == 204
    assert client.get(f"/api/v1/items/{item.id}").status_code == 404
    assert client.delete(f"/api/v1/items/{item.id}").status_code == 404


def test_comments_and_activity(api, make_user, make_pokja, make_item):
    coordinator = make_user(role="coordinator")
    item = make_item(pokja=make_pokja(coordinators=[coordinator]))
    client = api(coordinator)
    assert client.post(f"/api/v1/items/{item.id}/comments", json={"body": ""}).status_code == 422
    created = client.post(f"/api/v1/items/{item.id}/comments", json={"body": "Mohon data dukung"})
    assert created.status_code == 201
    assert [c["body"] for c in client.get(f"/api/v1/items/{item.id}/comments").get_json()] == ["Mohon data dukung"]
    client.patch(f"/api/v1/items/{item.id}", json={"version": 1, "due_date": "2027-01-15"})
    activity = client.get(f"/api/v1/items/{item.id}/activity").get_json()
    change = activity[0]
    assert (change["field"], change["old_value"], change["new_value"]) == ("due_date", "2026-12-15", "2027-01-15")
    assert change["actor_id"] == coordinator.id


def test_requests_without_a_valid_token_are_401(client, api, make_user, db, now):
    from rbtasks.accounts.tokens import revoke_api_token

    assert client.get("/api/v1/items").status_code == 401
    assert client.get("/api/v1/items", headers={"Authorization": "Bearer nope"}).status_code == 401
    user = make_user(role="leader")
    authed = api(user)
    assert authed.get("/api/v1/items").status_code == 200
    token_id = user.id and db.session.scalar(sa.text("SELECT max(id) FROM api_token"))
    revoke_api_token(user, token_id, now)
    db.session.commit()
    response = authed.get("/api/v1/items")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_unknown_api_path_and_method_answer_json(api, make_user):
    client = api(make_user(role="leader"))
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "not_found"
    wrong = client.put("/api/v1/items", json={})
    assert wrong.status_code == 405 and wrong.is_json
