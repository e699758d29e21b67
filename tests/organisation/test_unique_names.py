"""Issue 9: names of areas and pokja and codes of agencies are unique however
they are written — case and accents included, non-ASCII letters too — the
same on SQLite, PostgreSQL and MariaDB. A repeat is a 422 with the field's
message (the form shows it under the field), never a 409 or a second row."""
import pytest
import sqlalchemy as sa

from rbtasks.organisation import services
from rbtasks.organisation.models import Agency, Area, Pokja
from tests.conftest import page_csrf

SAME_NAMES = [
    ("Área Dua", "área dua"),          # SQLite's lower() knows no Á
    ("ÁREA DUA", "área dua"),
    ("Área Dua", "Area Dua"),          # MariaDB's collation ignores accents
    ("Ketahanan Pangan Straße", "KETAHANAN PANGAN STRASSE"),  # casefold, not lower
    ("Penataan Tatalaksana", "penataan TATALAKSANA"),
]

AGENCY = {"name": "Badan Kepegawaian Daerah", "head_name": "Oktavianus Pello, S.H., M.H.",
          "head_email": "bkd@nttprov.go.id"}


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", agency=None, locale="en")


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.mark.parametrize("first, second", SAME_NAMES)
def test_an_area_name_is_taken_however_it_is_written(db, api, admin, first, second):
    client = api(admin)
    assert client.post("/api/v1/areas", json={"name": first}).status_code == 201
    response = client.post("/api/v1/areas", json={"name": second})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "name": "An area with this name already exists."}
    assert count(db, Area) == 1


@pytest.mark.parametrize("first, second", SAME_NAMES)
def test_a_pokja_name_is_taken_however_it_is_written(db, api, admin, first, second):
    client = api(admin)
    assert client.post("/api/v1/pokjas", json={"name": f"Pokja {first}"}).status_code == 201
    response = client.post("/api/v1/pokjas", json={"name": f"POKJA {second}"})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "name": "A pokja with this name already exists."}
    assert count(db, Pokja) == 1


@pytest.mark.parametrize("first, second", [("BKD-Ñ", "bkd-ñ"), ("BKD-Ñ", "BKD-N"),
                                           ("DİNAS", "dİnas")])
def test_an_agency_code_is_taken_however_it_is_written(db, api, admin, first, second):
    client = api(admin)
    assert client.post("/api/v1/agencies", json={**AGENCY, "code": first}).status_code == 201
    response = client.post("/api/v1/agencies", json={**AGENCY, "code": second})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"] == {
        "code": "Another agency already has this code."}
    assert count(db, Agency) == 1


def test_renaming_onto_another_name_is_refused(db, api, admin, make_area):
    make_area(name="Área Dua")
    other = make_area(name="Area Tiga")
    response = api(admin).patch(f"/api/v1/areas/{other.id}", json={"name": "ÁREA DUA"})
    assert response.status_code == 422
    assert "name" in response.get_json()["error"]["fields"]
    db.session.expire_all()
    assert other.name == "Area Tiga"


def test_rewriting_the_own_name_in_another_case_is_allowed(db, api, admin, make_pokja):
    pokja = make_pokja(name="Pokja área dua")
    response = api(admin).patch(f"/api/v1/pokjas/{pokja.id}", json={"name": "Pokja Área Dua"})
    assert response.status_code == 200
    db.session.expire_all()
    assert pokja.name == "Pokja Área Dua"


def test_distinct_names_are_still_distinct(db, admin):
    for name in ("Área Dua", "Área Tiga", "Areal Dua"):
        services.create_area(admin, name=name)
    db.session.commit()
    assert count(db, Area) == 3


def test_the_form_shows_the_repeat_under_the_name_field(db, login, admin, make_area):
    make_area(name="Área Dua")
    client = login(admin)
    response = client.post("/admin/areas/new", data={
        "csrf_token": page_csrf(client, "/admin/areas/new"), "name": "área dua"})
    assert response.status_code == 200
    assert 'id="name-error">An area with this name already exists.' in \
        response.get_data(as_text=True)
    assert count(db, Area) == 1
