"""Admin pages for areas, agencies and pokja, as an admin (or not) uses them."""
import pytest
import sqlalchemy as sa

from rbtasks.organisation.models import Agency, Area, Pokja
from tests.conftest import page_csrf


@pytest.fixture
def admin(make_user):
    # English, so the assertions read the msgids whatever the catalogue says.
    return make_user(role="admin", agency=None, locale="en")


@pytest.fixture
def as_admin(login, admin):
    return login(admin)


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def submit(client, url, data):
    return client.post(url, data={**data, "csrf_token": page_csrf(client, url)})


# ---- areas -----------------------------------------------------------------

def test_the_area_list_shows_areas_in_order_with_edit_links(as_admin, make_area):
    late = make_area(name="Penguatan Pengawasan", position=7)
    early = make_area(name="Manajemen Perubahan", position=1, active=False)
    page = as_admin.get("/admin/areas").get_data(as_text=True)

    assert page.index("Manajemen Perubahan") < page.index("Penguatan Pengawasan")
    assert f"/admin/areas/{late.id}/edit" in page and f"/admin/areas/{early.id}/edit" in page
    assert 'href="/admin/areas/new"' in page
    assert '<table class="list stack">' in page and 'data-label="Name"' in page


def test_admin_creates_an_area_through_the_form(db, as_admin):
    response = submit(as_admin, "/admin/areas/new", {"name": "Deregulasi Kebijakan",
                                                     "position": "", "active": "y"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/areas"
    area = db.session.scalar(sa.select(Area))
    assert (area.name, area.position, area.active) == ("Deregulasi Kebijakan", 1, True)
    assert "The area was saved." in as_admin.get("/admin/areas").get_data(as_text=True)


def test_admin_deactivates_an_area_by_unticking_active(db, as_admin, make_area):
    area = make_area(name="Penguatan Kelembagaan", position=3)
    url = f"/admin/areas/{area.id}/edit"
    form = as_admin.get(url).get_data(as_text=True)
    assert 'value="Penguatan Kelembagaan"' in form

    response = submit(as_admin, url, {"name": "Penguatan Kelembagaan", "position": "3"})
    assert response.status_code == 302
    db.session.expire_all()
    assert area.active is False
    assert count(db, Area) == 1


def test_a_duplicate_area_name_is_shown_under_the_field(db, as_admin, make_area):
    make_area(name="Penataan Tatalaksana")
    response = submit(as_admin, "/admin/areas/new", {"name": "penataan tatalaksana"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<p class="field-error" id="name-error">An area with this name already exists.</p>' \
        in page
    assert count(db, Area) == 1


def test_a_form_without_csrf_token_changes_nothing(db, as_admin):
    response = as_admin.post("/admin/areas/new", data={"name": "Tanpa token"})
    assert response.status_code == 400
    assert count(db, Area) == 0


# ---- agencies --------------------------------------------------------------

def test_admin_creates_an_agency_under_a_parent(db, as_admin, make_agency):
    parent = make_agency(name="Sekretariat Daerah", code="SETDA")
    page = as_admin.get("/admin/agencies/new").get_data(as_text=True)
    assert f'<option value="{parent.id}">Sekretariat Daerah (SETDA)</option>' in page

    response = submit(as_admin, "/admin/agencies/new", {
        "name": "Biro Organisasi", "code": "ORG", "head_name": "Kepala Biro",
        "head_email": "Biro.Org@NTTprov.go.id", "head_phone": "", "parent_id": str(parent.id),
    })
    assert response.status_code == 302
    agency = db.session.scalar(sa.select(Agency).where(Agency.code == "ORG"))
    assert agency.parent == parent
    assert agency.head_email == "biro.org@nttprov.go.id"
    assert agency.head_phone is None


def test_agency_form_errors_name_their_fields(db, as_admin, make_agency):
    make_agency(code="BKD")
    response = submit(as_admin, "/admin/agencies/new", {
        "name": "Badan Lain", "code": "bkd", "head_name": "Kepala",
        "head_email": "kepala@ntt.go.id", "head_phone": "nomor saya", "parent_id": "",
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="code-error">Another agency already has this code.' in page
    assert 'id="head_phone-error">Enter a phone number such as +62 812 3456 7890.' in page
    assert count(db, Agency) == 1


def test_an_agency_is_not_offered_as_its_own_parent(as_admin, make_agency):
    agency = make_agency(name="Dinas Kesehatan", code="DINKES")
    page = as_admin.get(f"/admin/agencies/{agency.id}/edit").get_data(as_text=True)
    assert f'<option value="{agency.id}"' not in page
    assert 'value="DINKES"' in page


def test_the_agency_list_is_searchable_and_paginated(app, as_admin, make_agency, monkeypatch):
    monkeypatch.setitem(app.config, "RBTASKS_ITEMS_PER_PAGE", 2)
    for number in range(3):
        make_agency(name=f"Dinas {number}", code=f"D{number}")
    make_agency(name="Inspektorat Daerah", code="ITDA")

    first = as_admin.get("/admin/agencies?q=dinas").get_data(as_text=True)
    assert "Dinas 0" in first and "Dinas 1" in first and "Dinas 2" not in first
    assert "Inspektorat" not in first
    assert "/admin/agencies?page=2&amp;q=dinas" in first
    second = as_admin.get("/admin/agencies?q=dinas&page=2").get_data(as_text=True)
    assert "Dinas 2" in second and "Dinas 0" not in second


# ---- pokja -----------------------------------------------------------------

def test_admin_creates_a_pokja_picking_coordinators_and_members(
        db, as_admin, make_user, make_area, make_agency):
    area, agency = make_area(name="Penguatan Akuntabilitas"), make_agency()
    coordinator = make_user(role="coordinator", name="Yosef Koordinator")
    member, other = make_user(name="Ana Anggota"), make_user(name="Budi Anggota")

    form = as_admin.get("/admin/pokjas/new").get_data(as_text=True)
    assert '<p class="people-group">Pokja coordinator</p>' in form
    assert "Yosef Koordinator — Pokja coordinator" in form

    response = submit(as_admin, "/admin/pokjas/new", {
        "name": "Pokja Akuntabilitas", "area_id": str(area.id), "lead_agency_id": str(agency.id),
        "coordinator_ids": [str(coordinator.id)], "member_ids": [str(member.id), str(other.id)],
    })
    assert response.status_code == 302
    pokja = db.session.scalar(sa.select(Pokja))
    assert pokja.coordinators == [coordinator]
    assert pokja.members == [member, other]
    assert (pokja.area, pokja.lead_agency) == (area, agency)

    listing = as_admin.get("/admin/pokjas").get_data(as_text=True)
    assert "Pokja Akuntabilitas" in listing and "Yosef Koordinator" in listing


def test_editing_a_pokja_shows_and_replaces_its_people(db, as_admin, make_user, make_pokja):
    old, new = make_user(name="Lama"), make_user(name="Baru")
    pokja = make_pokja(name="Pokja SDM", members=[old])
    url = f"/admin/pokjas/{pokja.id}/edit"
    assert f'name="member_ids" value="{old.id}" checked>' in as_admin.get(url).get_data(as_text=True)

    response = submit(as_admin, url, {"name": "Pokja SDM", "area_id": str(pokja.area_id),
                                      "lead_agency_id": "", "member_ids": [str(new.id)]})
    assert response.status_code == 302
    db.session.expire_all()
    assert pokja.members == [new]
    assert pokja.lead_agency is None


# ---- who may open the admin pages ------------------------------------------

ADMIN_PAGES = ["/admin/areas", "/admin/areas/new", "/admin/agencies", "/admin/agencies/new",
               "/admin/pokjas", "/admin/pokjas/new"]


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_non_admins_get_403_and_change_nothing(db, login, make_user, make_area, role):
    area = make_area(name="Tetap")
    client = login(make_user(role=role))
    for url in [*ADMIN_PAGES, f"/admin/areas/{area.id}/edit"]:
        assert client.get(url).status_code == 403, url

    token = page_csrf(client, "/admin/areas")  # the 403 page's sign-out form has one
    response = client.post(f"/admin/areas/{area.id}/edit",
                           data={"name": "Diubah", "csrf_token": token})
    assert response.status_code == 403
    db.session.expire_all()
    assert area.name == "Tetap"


def test_visitors_are_sent_to_sign_in(client):
    for url in ADMIN_PAGES:
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")


def test_an_unknown_id_is_404(as_admin):
    for url in ["/admin/areas/987654/edit", "/admin/agencies/987654/edit",
                "/admin/pokjas/987654/edit", "/admin/areas/99999999999999999999/edit"]:
        assert as_admin.get(url).status_code == 404, url
