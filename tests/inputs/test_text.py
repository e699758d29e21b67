"""Issue 9: a control character (NUL above all, which PostgreSQL refuses in
text) in any text field or query argument is refused with a message naming
it — never a 500, and nothing is saved. Tab and line breaks stay allowed."""
import io

import pytest
import sqlalchemy as sa

from rbtasks.deadlines.models import ExtensionRequest
from rbtasks.evidence.models import Evidence
from rbtasks.items.models import ActionItem, Comment
from rbtasks.organisation.models import Area
from tests.conftest import page_csrf

PDF = b"%PDF-1.4\n%%EOF\n"
REFUSED = ["\x00", "\x07", "\x1b", "\ud800"]


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", agency=None)


@pytest.fixture
def item(make_item, make_pokja, admin):
    return make_item(pokja=make_pokja(coordinators=[admin]), owner=admin)


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def fields_of(response):
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    return response.get_json()["error"]["fields"]


@pytest.mark.parametrize("character", REFUSED)
@pytest.mark.parametrize("field", ["title", "description", "output"])
def test_a_new_item_with_a_control_character_is_refused(db, api, admin, item, field, character):
    body = {"title": "Penyusunan SOP", "pokja_id": item.pokja_id, "agency_id": item.agency_id,
            "due_date": "2027-03-31", field: f"Rp 15.000.000{character}untuk rapat"}
    assert fields_of(api(admin).post("/api/v1/items", json=body)) == {
        field: "Must not contain control characters."}
    assert count(db, ActionItem) == 1


def test_an_edit_with_a_nul_changes_nothing(db, api, admin, item):
    response = api(admin).patch(f"/api/v1/items/{item.id}",
                                json={"version": item.version, "title": "Judul\x00baru"})
    assert "title" in fields_of(response)
    db.session.expire_all()
    assert item.title.startswith("Rencana aksi")


def test_a_comment_with_a_nul_is_refused(db, api, admin, item):
    response = api(admin).post(f"/api/v1/items/{item.id}/comments", json={"body": "sudah\x00"})
    assert "body" in fields_of(response)
    assert count(db, Comment) == 0


def test_a_transition_reason_with_a_nul_is_refused(db, api, admin, item):
    api(admin).post(f"/api/v1/items/{item.id}/transitions",
                    json={"action": "start", "version": item.version})
    db.session.expire_all()
    response = api(admin).post(f"/api/v1/items/{item.id}/transitions", json={
        "action": "block", "version": item.version, "reason": "menunggu\x00 SK"})
    assert "reason" in fields_of(response)
    db.session.expire_all()
    assert item.status == "in_progress"


def test_an_extension_reason_with_a_nul_is_refused(db, api, admin, item):
    response = api(admin).post(f"/api/v1/items/{item.id}/extensions",
                               json={"new_due_date": "2027-06-30", "reason": "SK\x00"})
    assert "reason" in fields_of(response)
    assert count(db, ExtensionRequest) == 0


def test_a_nul_inside_a_list_is_named_by_its_place(api, admin, item):
    response = api(admin).put(f"/api/v1/items/{item.id}/quarters", json={
        "version": item.version, "progress_from_quarters": False,
        "quarters": [{"quarter": 1, "target": "10", "obstacles": "anggaran\x00"}]})
    assert fields_of(response) == {"quarters.0.obstacles": "Must not contain control characters."}


def test_a_nul_in_a_key_is_refused(api, admin):
    response = api(admin).post("/api/v1/areas", json={"name": "Area Dua", "na\x00me": "x"})
    assert fields_of(response) == {"body": "Must not contain control characters."}


@pytest.mark.parametrize("data", [
    {"kind": "notulen", "description": "Notulen\x00rapat"},
    {"kind": "notulen\x00"},
])
def test_an_upload_with_a_nul_in_its_fields_is_refused(db, api, admin, item, data):
    response = api(admin).post(f"/api/v1/items/{item.id}/evidence",
                               content_type="multipart/form-data",
                               data={**data, "file": (io.BytesIO(PDF), "notulen.pdf")})
    assert fields_of(response)
    assert count(db, Evidence) == 0


def test_an_upload_whose_file_name_has_a_nul_is_refused(db, api, admin, item):
    response = api(admin).post(f"/api/v1/items/{item.id}/evidence",
                               content_type="multipart/form-data",
                               data={"kind": "notulen",
                                     "file": (io.BytesIO(PDF), "notulen\x00.pdf")})
    assert fields_of(response) == {"file": "Must not contain control characters."}
    assert count(db, Evidence) == 0


def test_a_link_with_a_nul_is_refused(db, api, admin, item):
    response = api(admin).post(f"/api/v1/items/{item.id}/evidence", json={
        "kind": "tautan", "url": "https://ntt.go.id/\x00", "description": "SK"})
    assert "url" in fields_of(response)
    assert count(db, Evidence) == 0


@pytest.mark.parametrize("url", [
    "/api/v1/items?q=%00", "/api/v1/items?q=rapat%00", "/api/v1/agencies?q=%00",
    "/api/v1/users?q=%00", "/api/v1/items?status=%00", "/api/v1/items/1?x=%1b",
    "/api/v1/items?%00=1",
])
def test_a_control_character_in_a_query_is_refused(api, admin, item, url):
    assert fields_of(api(admin).get(url))


@pytest.mark.parametrize("url", ["/items?q=%00", "/admin/agencies?q=%00", "/admin/users?q=%00",
                                 "/dashboard?pokja_id=%00"])
def test_a_control_character_in_a_page_query_is_an_error_page(login, admin, url):
    response = login(admin).get(url)
    assert response.status_code == 422
    assert response.mimetype == "text/html"
    assert "control character" in response.get_data(as_text=True)


def test_a_page_form_with_a_nul_saves_nothing_and_says_why(db, login, admin):
    client = login(admin)
    response = client.post("/admin/areas/new", data={
        "csrf_token": page_csrf(client, "/admin/areas/new"), "name": "Area\x00Dua"})
    assert response.status_code == 422
    assert "control character" in response.get_data(as_text=True)
    assert count(db, Area) == 0


def test_a_comment_form_with_a_nul_saves_nothing(db, login, admin, item):
    client = login(admin)
    response = client.post(f"/items/{item.id}/comments", data={
        "csrf_token": page_csrf(client, f"/items/{item.id}"), "body": "sudah\x00dikirim"})
    assert response.status_code == 422
    assert count(db, Comment) == 0


def test_lines_and_tabs_in_free_text_are_kept(db, api, admin, item):
    text = "Kendala:\r\n\t1. Anggaran Rp 15.000.000\n\t2. SK belum terbit"
    response = api(admin).post(f"/api/v1/items/{item.id}/comments", json={"body": text})
    assert response.status_code == 201
    assert db.session.scalar(sa.select(Comment.body)) == text
