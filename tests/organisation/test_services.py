"""Services for areas, agencies and pokja: what they store, what they refuse.

A refused change is followed by a commit in these tests, so a service that
had changed a row before refusing would be caught.
"""
import pytest
import sqlalchemy as sa

from rbtasks.checks import SYSTEM
from rbtasks.errors import NotFound, PermissionDenied, ValidationError
from rbtasks.organisation import services
from rbtasks.organisation.models import Agency, Area, Pokja
from tests.refusals import refused

NON_ADMIN_ROLES = ["leader", "coordinator", "agency_head", "member"]


@pytest.fixture
def admin(make_user):
    return make_user(role="admin", agency=None)


def count(db, model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


# ---- areas -----------------------------------------------------------------

def test_admin_creates_an_area_at_the_end_of_the_list(db, admin, make_area):
    make_area(name="Manajemen Perubahan", position=4)
    area = services.create_area(admin, name="  Penguatan Pengawasan  ")
    db.session.commit()

    assert (area.name, area.position, area.active) == ("Penguatan Pengawasan", 5, True)
    names = [a.name for a in services.list_areas(admin).items]
    assert names == ["Manajemen Perubahan", "Penguatan Pengawasan"]


def test_area_names_are_unique_regardless_of_case(db, admin, make_area):
    make_area(name="Penataan Tatalaksana")
    error = refused(db, ValidationError, services.create_area, admin,
                    name="penataan TATALAKSANA")
    assert "name" in error.fields
    assert count(db, Area) == 1


@pytest.mark.parametrize("values, field", [
    ({"name": "   "}, "name"),
    ({"name": "x" * 201}, "name"),
    ({"name": "Baris\x00nol"}, "name"),
    ({"name": "Sah", "position": -1}, "position"),
    ({"name": "Sah", "position": 10**12}, "position"),
    ({"name": "Sah", "active": "yes"}, "active"),
])
def test_invalid_area_fields_are_named_and_nothing_is_stored(db, admin, values, field):
    error = refused(db, ValidationError, services.create_area, admin, **values)
    assert field in error.fields
    assert count(db, Area) == 0


def test_admin_renames_reorders_and_deactivates_an_area(db, admin, make_area):
    first, second = make_area(name="A", position=1), make_area(name="B", position=2)
    services.update_area(admin, second.id, position=0, active=False)
    services.update_area(admin, first.id, name="A baru")
    db.session.commit()

    assert [a.name for a in services.list_areas(admin).items] == ["B", "A baru"]
    assert [a.name for a in services.list_areas(admin, active=True).items] == ["A baru"]
    assert second.active is False


def test_a_partial_update_keeps_the_other_fields(db, admin, make_area):
    area = make_area(name="Deregulasi Kebijakan", position=3)
    services.update_area(admin, area.id, active=False)
    db.session.commit()
    assert (area.name, area.position, area.active) == ("Deregulasi Kebijakan", 3, False)


def test_an_area_cannot_take_another_areas_name(db, admin, make_area):
    make_area(name="Penguatan Akuntabilitas")
    area = make_area(name="Lama")
    error = refused(db, ValidationError, services.update_area, admin, area.id,
                    name="Penguatan akuntabilitas", position=9)
    assert "name" in error.fields
    assert (area.name, area.position) == ("Lama", area.position)
    assert area.position != 9


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_change_areas(db, make_user, make_area, role):
    area = make_area(name="Tetap")
    user = make_user(role=role)
    refused(db, PermissionDenied, services.create_area, user, name="Baru")
    refused(db, PermissionDenied, services.update_area, user, area.id, name="Diubah")
    assert count(db, Area) == 1
    assert area.name == "Tetap"


def test_an_inactive_admin_cannot_change_anything(db, make_user):
    admin = make_user(role="admin", active=False)
    refused(db, PermissionDenied, services.create_area, admin, name="Baru")
    refused(db, PermissionDenied, services.list_areas, admin)
    assert count(db, Area) == 0


def test_every_signed_in_user_may_read_but_nobody_anonymous(make_user, make_area):
    area = make_area()
    member = make_user(role="member")
    assert services.get_area(member, area.id) == area
    assert services.list_areas(member).total == 1
    with pytest.raises(PermissionDenied):
        services.list_areas(None)


def test_an_unknown_area_is_not_found(admin):
    with pytest.raises(NotFound):
        services.update_area(admin, 987654, name="X")
    with pytest.raises(NotFound):
        services.get_area(admin, 10**20)


# ---- agencies --------------------------------------------------------------

def agency_values(**overrides):
    return {"name": "Badan Kepegawaian Daerah", "code": "BKD", "head_name": "Yohanes Bria",
            "head_email": "Kepala.BKD@NTTprov.go.id", "head_phone": "+62 812 3456 7890",
            **overrides}


def test_admin_creates_an_agency_with_its_head(db, admin, make_agency):
    parent = make_agency(code="SETDA")
    agency = services.create_agency(admin, **agency_values(parent_id=parent.id))
    db.session.commit()

    assert agency.code == "BKD"
    assert agency.head_email == "kepala.bkd@nttprov.go.id"
    assert agency.head_phone == "+62 812 3456 7890"
    assert agency.parent == parent


def test_the_operator_may_create_an_agency_too(db):
    agency = services.create_agency(SYSTEM, **agency_values(head_phone=""))
    db.session.commit()
    assert agency.id and agency.head_phone is None


def test_agency_codes_are_unique_regardless_of_case(db, admin, make_agency):
    make_agency(code="BKD")
    error = refused(db, ValidationError, services.create_agency, admin,
                    **agency_values(code="bkd"))
    assert list(error.fields) == ["code"]
    assert count(db, Agency) == 1


@pytest.mark.parametrize("overrides, field", [
    ({"name": ""}, "name"),
    ({"code": None}, "code"),
    ({"code": "X" * 31}, "code"),
    ({"head_name": " "}, "head_name"),
    ({"head_email": "bukan-email"}, "head_email"),
    ({"head_email": ""}, "head_email"),
    ({"head_phone": "telepon saya"}, "head_phone"),
    ({"parent_id": 987654}, "parent_id"),
])
def test_invalid_agency_fields_are_named(db, admin, overrides, field):
    error = refused(db, ValidationError, services.create_agency, admin,
                    **agency_values(**overrides))
    assert field in error.fields
    assert count(db, Agency) == 0


def test_an_agency_cannot_be_placed_under_itself_or_below_itself(db, admin, make_agency):
    top = make_agency(code="TOP")
    middle = make_agency(code="MID", parent=top)
    bottom = make_agency(code="BOT", parent=middle)

    for parent in (top, bottom):
        error = refused(db, ValidationError, services.update_agency, admin, top.id,
                        parent_id=parent.id)
        assert "parent_id" in error.fields
    assert top.parent_id is None

    services.update_agency(admin, bottom.id, parent_id=top.id)
    services.update_agency(admin, middle.id, parent_id=None)
    db.session.commit()
    assert (bottom.parent, middle.parent) == (top, None)


def test_agencies_are_searched_by_name_or_code(admin, make_agency):
    make_agency(name="Inspektorat Daerah", code="ITDA")
    make_agency(name="Biro Organisasi", code="ORG")
    make_agency(name="Diskon 100% Persen", code="PCT")

    def found(q):
        return [a.code for a in services.list_agencies(admin, q=q).items]

    assert found("inspektorat") == ["ITDA"]
    assert found("org") == ["ORG"]
    assert found("100%") == ["PCT"]
    assert found("%") == ["PCT"]
    assert len(found(None)) == 3


def test_agencies_come_in_pages(admin, make_agency):
    for number in range(5):
        make_agency(name=f"Dinas {number}")
    page = services.list_agencies(admin, page=2, per_page=2)
    assert [a.name for a in page.items] == ["Dinas 2", "Dinas 3"]
    assert (page.total, page.pages) == (5, 3)


def test_an_agency_is_found_by_its_code_in_any_case(admin, make_agency):
    agency = make_agency(code="Biro-Org")
    assert services.find_agency_by_code(SYSTEM, " biro-ORG ") == agency
    assert services.find_agency_by_code(SYSTEM, "NONE") is None


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_change_agencies(db, make_user, make_agency, role):
    agency = make_agency(name="Tetap")
    user = make_user(role=role, agency=agency)
    refused(db, PermissionDenied, services.create_agency, user, **agency_values())
    refused(db, PermissionDenied, services.update_agency, user, agency.id, name="Diubah")
    assert agency.name == "Tetap"
    assert count(db, Agency) == 1  # the user belongs to it, so no other agency was made


# ---- pokja -----------------------------------------------------------------

def test_admin_creates_a_pokja_with_its_people(db, admin, make_user, make_area, make_agency):
    area, agency = make_area(), make_agency()
    coordinator, member = make_user(role="coordinator"), make_user()
    pokja = services.create_pokja(
        admin, name="Pokja Manajemen Perubahan", area_id=area.id, lead_agency_id=agency.id,
        coordinator_ids=[coordinator.id, admin.id, coordinator.id],
        member_ids=[member.id],
    )
    db.session.commit()

    assert pokja.area == area and pokja.lead_agency == agency
    assert {user.id for user in pokja.coordinators} == {coordinator.id, admin.id}
    assert pokja.members == [member]
    assert coordinator.coordinated_pokjas == [pokja]


def test_unknown_references_are_named_and_nothing_is_stored(db, admin, make_user):
    known = make_user()
    error = refused(db, ValidationError, services.create_pokja, admin, name="Pokja X",
                    area_id=987654, lead_agency_id=987655,
                    coordinator_ids=[known.id, 987656, 987657], member_ids=["1"])
    assert set(error.fields) == {"area_id", "lead_agency_id", "coordinator_ids", "member_ids"}
    assert "987656, 987657" in error.fields["coordinator_ids"]
    assert count(db, Pokja) == 0


def test_pokja_names_are_unique_regardless_of_case(db, admin, make_pokja):
    make_pokja(name="Pokja Pengawasan")
    error = refused(db, ValidationError, services.create_pokja, admin, name="POKJA pengawasan")
    assert "name" in error.fields
    assert count(db, Pokja) == 1


def test_updating_people_replaces_them_and_keeps_the_rest(db, admin, make_user, make_pokja):
    old, new = make_user(), make_user()
    pokja = make_pokja(name="Pokja SDM", coordinators=[old], members=[old])
    area = pokja.area
    services.update_pokja(admin, pokja.id, member_ids=[new.id])
    db.session.commit()

    assert pokja.members == [new]
    assert pokja.coordinators == [old]
    assert (pokja.name, pokja.area) == ("Pokja SDM", area)


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_only_admins_change_pokja(db, make_user, make_pokja, role):
    user = make_user(role=role)
    pokja = make_pokja(name="Tetap", coordinators=[user])
    refused(db, PermissionDenied, services.update_pokja, user, pokja.id, name="Diubah",
            member_ids=[user.id])
    refused(db, PermissionDenied, services.create_pokja, user, name="Baru")
    assert (pokja.name, pokja.members) == ("Tetap", [])
    assert count(db, Pokja) == 1
