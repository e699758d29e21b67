"""JSON API for areas, agencies and pokja: what a client sends and gets back."""
import pytest
import sqlalchemy as sa

from rbtasks.organisation.models import Agency, Area, Pokja


@pytest.fixture
def admin_api(api, make_user):
    return api(make_user(role="admin", agency=None))


@pytest.fixture
def member_api(api, make_user):
    return api(make_user(role="member", agency=None))


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def errors_of(response):
    return response.get_json()["error"]["fields"]


# ---- areas -----------------------------------------------------------------

def test_areas_are_listed_in_pages_in_their_order(member_api, make_area):
    for position in (3, 1, 2):
        make_area(name=f"Area {position}", position=position)
    response = member_api.get("/api/v1/areas?per_page=2")
    assert response.status_code == 200
    body = response.get_json()
    assert [a["name"] for a in body["data"]] == ["Area 1", "Area 2"]
    assert body["meta"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}
    assert body["data"][0].keys() == {"id", "name", "position", "active"}

    second = member_api.get("/api/v1/areas?per_page=2&page=2").get_json()
    assert [a["name"] for a in second["data"]] == ["Area 3"]


@pytest.mark.parametrize("query, field", [("per_page=101", "per_page"), ("per_page=0", "per_page"),
                                          ("page=abc", "page"), ("page=-1", "page")])
def test_bad_paging_arguments_are_refused(member_api, query, field):
    response = member_api.get(f"/api/v1/areas?{query}")
    assert response.status_code == 422
    assert field in errors_of(response)


def test_admin_creates_reads_and_changes_an_area(db, admin_api):
    response = admin_api.post("/api/v1/areas", json={"name": "Penguatan Pengawasan"})
    assert response.status_code == 201
    area = response.get_json()
    assert area == {"id": area["id"], "name": "Penguatan Pengawasan", "position": 1,
                    "active": True}
    assert response.headers["Location"].endswith(f"/api/v1/areas/{area['id']}")

    assert admin_api.get(response.headers["Location"]).get_json() == area

    patched = admin_api.patch(f"/api/v1/areas/{area['id']}", json={"active": False})
    assert patched.status_code == 200
    assert patched.get_json() == {**area, "active": False}
    assert db.session.get(Area, area["id"]).active is False


def test_an_unknown_area_is_404(member_api, admin_api):
    assert member_api.get("/api/v1/areas/987654").status_code == 404
    response = admin_api.patch("/api/v1/areas/987654", json={"name": "X"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("body, field", [
    ({"name": 5}, "name"),
    ({"name": "Sah", "position": "3"}, "position"),
    ({"name": "Sah", "position": 2.5}, "position"),
    ({"name": "Sah", "active": "yes"}, "active"),
    ({"name": "Sah", "active": 1}, "active"),
    ({"name": "x" * 100_000}, "name"),
    ({"name": "Sah", "colour": "red"}, "colour"),
    ({}, "name"),
])
def test_wrong_types_and_unknown_fields_are_422(db, admin_api, body, field):
    response = admin_api.post("/api/v1/areas", json=body)
    assert response.status_code == 422
    assert field in errors_of(response)
    assert count(db, Area) == 0


@pytest.mark.parametrize("data", ['{"name": "Sah"', "[1, 2]", '"just a string"', ""])
def test_malformed_or_non_object_json_is_400(db, admin_api, data):
    response = admin_api.post("/api/v1/areas", data=data,
                              headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"
    assert count(db, Area) == 0


def test_a_required_field_cannot_be_cleared(db, admin_api, make_area):
    area = make_area(name="Tetap")
    for body in ({"name": None}, {"name": "   "}, {"active": None}):
        response = admin_api.patch(f"/api/v1/areas/{area.id}", json=body)
        assert response.status_code == 422, body
    db.session.expire_all()
    assert (area.name, area.active) == ("Tetap", True)


def test_duplicate_area_name_is_422_on_the_name(admin_api, make_area):
    make_area(name="Deregulasi Kebijakan")
    response = admin_api.post("/api/v1/areas", json={"name": "deregulasi kebijakan"})
    assert response.status_code == 422
    assert list(errors_of(response)) == ["name"]


def test_non_admins_cannot_write_and_nothing_changes(db, member_api, make_area):
    area = make_area(name="Tetap")
    created = member_api.post("/api/v1/areas", json={"name": "Baru"})
    patched = member_api.patch(f"/api/v1/areas/{area.id}", json={"name": "Diubah"})
    assert created.status_code == patched.status_code == 403
    db.session.expire_all()
    assert area.name == "Tetap"
    assert count(db, Area) == 1


def test_no_token_no_access(client):
    assert client.get("/api/v1/areas").status_code == 401
    assert client.post("/api/v1/agencies", json={}).status_code == 401


# ---- agencies --------------------------------------------------------------

AGENCY = {"name": "Inspektorat Daerah", "code": "ITDA", "head_name": "Maria Seran",
          "head_email": "Inspektur@NTTprov.go.id"}


def test_admin_creates_and_changes_an_agency(db, admin_api, make_agency):
    parent = make_agency(code="SETDA")
    response = admin_api.post("/api/v1/agencies", json={**AGENCY, "parent_id": parent.id})
    assert response.status_code == 201
    agency = response.get_json()
    assert agency == {"id": agency["id"], "name": "Inspektorat Daerah", "code": "ITDA",
                      "head_name": "Maria Seran", "head_email": "inspektur@nttprov.go.id",
                      "head_phone": None, "parent_id": parent.id}
    assert response.headers["Location"].endswith(f"/api/v1/agencies/{agency['id']}")

    patched = admin_api.patch(f"/api/v1/agencies/{agency['id']}",
                              json={"head_phone": "0380 821234", "parent_id": None})
    assert patched.status_code == 200
    assert patched.get_json() == {**agency, "head_phone": "0380 821234", "parent_id": None}


@pytest.mark.parametrize("changes, field", [
    ({"code": "itda"}, "code"),
    ({"head_email": "not an email"}, "head_email"),
    ({"parent_id": 987654}, "parent_id"),
    ({"parent_id": "1"}, "parent_id"),
    ({"parent_id": 10**30}, "parent_id"),
    ({"head_name": None}, "head_name"),
    ({"code": "C" * 31}, "code"),
])
def test_invalid_agencies_are_refused_on_the_field(db, admin_api, make_agency, changes, field):
    make_agency(code="ITDA")
    response = admin_api.post("/api/v1/agencies", json={**AGENCY, "code": "NEW", **changes})
    assert response.status_code == 422
    assert field in errors_of(response)
    assert count(db, Agency) == 1


def test_an_agency_cannot_become_its_own_ancestor(db, admin_api, make_agency):
    top = make_agency(code="TOP")
    child = make_agency(code="CHILD", parent=top)
    response = admin_api.patch(f"/api/v1/agencies/{top.id}", json={"parent_id": child.id})
    assert response.status_code == 422
    assert "parent_id" in errors_of(response)
    db.session.expire_all()
    assert top.parent_id is None


def test_agencies_can_be_searched(member_api, make_agency):
    make_agency(name="Badan Kepegawaian Daerah", code="BKD")
    make_agency(name="Biro Organisasi", code="ORG")
    body = member_api.get("/api/v1/agencies?q=kepegawaian").get_json()
    assert [a["code"] for a in body["data"]] == ["BKD"]
    assert body["meta"]["total"] == 1
    assert member_api.get("/api/v1/agencies?q=" + "x" * 201).status_code == 422


def test_non_admins_cannot_change_agencies(db, member_api, make_agency):
    agency = make_agency(name="Tetap")
    assert member_api.post("/api/v1/agencies", json=AGENCY).status_code == 403
    assert member_api.patch(f"/api/v1/agencies/{agency.id}",
                            json={"name": "Diubah"}).status_code == 403
    db.session.expire_all()
    assert agency.name == "Tetap"
    assert count(db, Agency) == 1


# ---- pokja -----------------------------------------------------------------

def test_admin_creates_and_changes_a_pokja(db, admin_api, make_user, make_area, make_agency):
    area, agency = make_area(), make_agency()
    coordinator, member = make_user(role="coordinator"), make_user()
    response = admin_api.post("/api/v1/pokjas", json={
        "name": "Pokja Reform", "area_id": area.id, "lead_agency_id": agency.id,
        "coordinator_ids": [coordinator.id], "member_ids": [member.id, coordinator.id],
    })
    assert response.status_code == 201
    pokja = response.get_json()
    assert pokja == {"id": pokja["id"], "name": "Pokja Reform", "area_id": area.id,
                     "lead_agency_id": agency.id, "coordinator_ids": [coordinator.id],
                     "member_ids": sorted([member.id, coordinator.id])}
    assert response.headers["Location"].endswith(f"/api/v1/pokjas/{pokja['id']}")

    patched = admin_api.patch(f"/api/v1/pokjas/{pokja['id']}", json={"member_ids": []})
    assert patched.get_json() == {**pokja, "member_ids": []}
    listed = admin_api.get("/api/v1/pokjas").get_json()
    assert listed["data"] == [{**pokja, "member_ids": []}]


@pytest.mark.parametrize("body, field", [
    ({"coordinator_ids": [987654]}, "coordinator_ids"),
    ({"member_ids": [987654]}, "member_ids"),
    ({"coordinator_ids": "1,2"}, "coordinator_ids"),
    ({"member_ids": ["1"]}, "member_ids.0"),
    ({"area_id": 987654}, "area_id"),
    ({"lead_agency_id": 987654}, "lead_agency_id"),
    ({"name": "P" * 201}, "name"),
])
def test_invalid_pokja_are_refused_on_the_field(db, admin_api, body, field):
    response = admin_api.post("/api/v1/pokjas", json={"name": "Pokja Baru", **body})
    assert response.status_code == 422
    assert field in errors_of(response)
    assert count(db, Pokja) == 0


def test_non_admins_cannot_change_pokja(db, api, make_user, make_pokja):
    coordinator = make_user(role="coordinator")
    pokja = make_pokja(name="Tetap", coordinators=[coordinator])
    client = api(coordinator)
    response = client.patch(f"/api/v1/pokjas/{pokja.id}", json={"member_ids": [coordinator.id]})
    assert response.status_code == 403
    assert client.get(f"/api/v1/pokjas/{pokja.id}").get_json()["member_ids"] == []
