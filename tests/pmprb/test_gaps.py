"""A gap becomes an action item in the area's pokja, linked both ways."""
from datetime import date

import pytest
import sqlalchemy as sa

from rbtasks.errors import PermissionDenied, ValidationError
from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.pmprb import assessments
from rbtasks.pmprb.gaps import create_gap_item
from rbtasks.pmprb.models import GapItem
from rbtasks.pmprb.worksheet import worksheet


@pytest.fixture
def setting(db, make_instrument, make_user, make_agency, make_area, make_pokja, now):
    """An agency's assessment of the full test instrument; the pokja of the
    area "Penguatan Pengawasan" (indicators A.2.*) has a coordinator."""
    agency = make_agency(name="Inspektorat Daerah Provinsi NTT")
    coordinator = make_user(role="coordinator", name="Oktavianus Pello, S.H., M.H.")
    area = make_area(name="Penguatan Pengawasan")
    pokja = make_pokja(area=area, name="Pokja Penguatan Pengawasan", coordinators=[coordinator])
    owner = make_user(role="member", agency=agency, name="Dr. Maria Bessie, S.Kom., M.T.")
    admin = make_user(role="admin")
    assessment = assessments.create_assessment(admin, {
        "instrument_id": make_instrument().id, "year": 2026, "agency_id": agency.id}, now)
    assessments.save_answers(admin, assessment, [
        {"indicator_code": "A.2.2", "self_answer": "c"}], now)
    db.session.commit()
    return assessment, coordinator, pokja, owner, agency


def test_the_item_lands_in_the_area_s_pokja_and_shows_on_the_worksheet(db, setting, now):
    assessment, coordinator, pokja, owner, agency = setting
    item = create_gap_item(coordinator, assessment, "A.2.2",
                           {"owner_id": owner.id, "due_date": date(2026, 12, 31)}, now)
    db.session.commit()
    assert (item.pokja_id, item.agency_id, item.owner_id) == (pokja.id, agency.id, owner.id)
    assert item.title == "Tindak lanjut PMPRB A.2.2: Tingkat kematangan SPIP"
    assert db.session.scalar(sa.select(GapItem.item_id)) == item.id
    assert db.session.scalar(sa.select(ActivityEntry.action).where(
        ActivityEntry.item_id == item.id)) == "created"

    sheet = worksheet(assessment)
    gap, items = next(row for row in sheet.gap_rows if row[0].indicator.code == "A.2.2")
    assert [linked.id for linked in items] == [item.id]
    assert sheet.row("A.2.2").items == [item]


def test_a_title_too_long_is_trimmed_to_300(db, setting, now):
    assessment, coordinator, _pokja, owner, _agency = setting
    indicator = assessments.indicators_by_code(assessment)["A.2.1"]
    indicator.question = "Apakah pengendalian gratifikasi berjalan " * 20
    item = create_gap_item(coordinator, assessment, "A.2.1",
                           {"owner_id": owner.id, "due_date": date(2026, 12, 31)}, now)
    assert len(item.title) == 300


def test_without_an_area_pokja_the_caller_chooses(db, setting, make_pokja, now):
    assessment, coordinator, _pokja, owner, _agency = setting
    with pytest.raises(ValidationError) as refused:
        create_gap_item(coordinator, assessment, "A.3.1",
                        {"owner_id": owner.id, "due_date": date(2026, 12, 31)}, now)
    assert "pokja_id" in refused.value.fields
    other = make_pokja(coordinators=[coordinator])
    item = create_gap_item(coordinator, assessment, "A.3.1",
                           {"pokja_id": other.id, "owner_id": owner.id,
                            "due_date": date(2026, 12, 31)}, now)
    assert item.pokja_id == other.id


def test_the_items_own_permissions_apply(db, setting, make_user, now):
    assessment, _coordinator, _pokja, owner, _agency = setting
    for actor in (make_user(role="coordinator"), make_user(role="leader")):
        with pytest.raises(PermissionDenied):
            create_gap_item(actor, assessment, "A.2.2",
                            {"owner_id": owner.id, "due_date": date(2026, 12, 31)}, now)
        db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GapItem)) == 0


def test_unknown_indicator_and_bad_item_fields_are_422(db, setting, now):
    assessment, coordinator, _pokja, owner, _agency = setting
    with pytest.raises(ValidationError):
        create_gap_item(coordinator, assessment, "Z.1", {"due_date": date(2026, 12, 31)}, now)
    with pytest.raises(ValidationError) as refused:
        create_gap_item(coordinator, assessment, "A.2.2",
                        {"owner_id": owner.id, "due_date": date(1999, 1, 1)}, now)
    assert "due_date" in refused.value.fields
