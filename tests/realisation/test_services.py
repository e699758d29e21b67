"""Quarterly realisation: who may report it, what is valid, and progress that follows it."""
from decimal import Decimal

import pytest
import sqlalchemy as sa

from rbtasks.errors import Conflict, PermissionDenied, StaleVersion, ValidationError
from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.realisation.models import QuarterRealisation
from rbtasks.realisation.services import (
    progress_follows_quarters,
    quarter_rows,
    set_quarters,
)


@pytest.fixture
def cast(make_item_cast):
    return make_item_cast(progress=10)


def _fresh(db, item):
    db.session.expire_all()
    return db.session.get(ActionItem, item.id)


def _entries(db, item, action=None):
    statement = sa.select(ActivityEntry).where(ActivityEntry.item_id == item.id)
    if action:
        statement = statement.where(ActivityEntry.action == action)
    return list(db.session.scalars(statement.order_by(ActivityEntry.id)))


def _rows(db, item):
    return db.session.scalar(
        sa.select(sa.func.count(QuarterRealisation.id)).where(QuarterRealisation.item_id == item.id))


def test_owner_reports_quarters_and_progress_stays_typed_in(cast, db, now):
    item = cast["item"]
    set_quarters(cast["owner"], item, [
        {"quarter": 1, "target": Decimal("10"), "realisation": Decimal("4.5"),
         "obstacles": "Anggaran terlambat", "follow_up": "Ajukan revisi DPA"},
        {"quarter": 3, "target": "20.25"},
    ], False, 1, now)
    db.session.commit()

    item = _fresh(db, item)
    rows = quarter_rows(item)
    assert [row is None for row in rows] == [False, True, False, True]
    assert rows[0].target == Decimal("10.00") and rows[0].realisation == Decimal("4.50")
    assert rows[0].obstacles == "Anggaran terlambat" and rows[0].follow_up == "Ajukan revisi DPA"
    assert rows[2].target == Decimal("20.25") and rows[2].realisation is None
    assert item.progress == 10 and not progress_follows_quarters(item)
    assert item.version == 2 and item.updated_by_id == cast["owner"].id
    notes = [e.note for e in _entries(db, item, "quarters_updated")]
    assert notes == ["TW I: target — → 10.00, realisation — → 4.50, obstacles changed, "
                     "follow-up plan changed", "TW III: target — → 20.25"]


def test_progress_follows_the_realisation_and_is_logged(cast, db, now):
    item = cast["item"]
    set_quarters(cast["coordinator"], item, [
        {"quarter": 1, "target": 10, "realisation": 5},
        {"quarter": 2, "target": 10, "realisation": 10},
        # a realisation without a target does not count
        {"quarter": 3, "realisation": 50},
    ], True, 1, now)
    db.session.commit()
    item = _fresh(db, item)
    assert item.progress == 75 and progress_follows_quarters(item)
    progress = [e for e in _entries(db, item, "updated") if e.field == "progress"]
    assert [(e.old_value, e.new_value) for e in progress] == [("10", "75")]
    assert any(e.field == "progress_from_quarters" for e in _entries(db, item, "updated"))


def test_realisation_above_target_caps_progress_at_100(cast, db, now):
    item = cast["item"]
    set_quarters(cast["owner"], item, [{"quarter": 1, "target": 4, "realisation": "9.99"}],
                 True, 1, now)
    assert _fresh(db, item).progress == 100
    assert quarter_rows(item)[0].realisation == Decimal("9.99")


def test_progress_is_zero_without_any_target(cast, db, now):
    item = cast["item"]
    set_quarters(cast["owner"], item, [{"quarter": 2, "realisation": 3, "obstacles": "x"}],
                 True, 1, now)
    assert _fresh(db, item).progress == 0


def test_progress_rounds_half_up(cast, db, now):
    item = cast["item"]
    set_quarters(cast["owner"], item, [{"quarter": 1, "target": 8, "realisation": 1}], True, 1, now)
    assert _fresh(db, item).progress == 13  # 12.5 %


def test_quarters_left_out_or_emptied_are_cleared(cast, db, now):
    item = cast["item"]
    set_quarters(cast["owner"], item, [{"quarter": 1, "target": 5}, {"quarter": 2, "target": 6},
                                       {"quarter": 4, "target": 7}], False, 1, now)
    db.session.commit()
    item = _fresh(db, item)
    set_quarters(cast["owner"], item, [{"quarter": 1, "target": 5},
                                       {"quarter": 2, "target": None, "obstacles": "  "}],
                 False, item.version, now)
    db.session.commit()
    item = _fresh(db, item)
    assert [row is None for row in quarter_rows(item)] == [False, True, True, True]
    cleared = [e.note for e in _entries(db, item, "quarters_updated")][-2:]
    assert cleared == ["TW II: cleared", "TW IV: cleared"]


def test_saving_the_same_values_changes_nothing(cast, db, now):
    item = cast["item"]
    quarters = [{"quarter": 1, "target": "5.00", "realisation": 2}]
    set_quarters(cast["owner"], item, quarters, True, 1, now)
    db.session.commit()
    item = _fresh(db, item)
    before = (item.version, len(_entries(db, item)))
    set_quarters(cast["owner"], item, [{"quarter": 1, "target": 5, "realisation": "2.0"}],
                 True, item.version, now)
    db.session.commit()
    item = _fresh(db, item)
    assert (item.version, len(_entries(db, item))) == before


@pytest.mark.parametrize("quarters, field", [
    ([{"quarter": 1, "target": -1}], "quarters.0.target"),
    ([{"quarter": 1, "target": "1.234"}], "quarters.0.target"),
    ([{"quarter": 1, "realisation": 10**12}], "quarters.0.realisation"),
    ([{"quarter": 1, "realisation": "banyak"}], "quarters.0.realisation"),
    ([{"quarter": 1, "target": True}], "quarters.0.target"),
    ([{"quarter": 1, "target": "NaN"}], "quarters.0.target"),
    ([{"quarter": 5, "target": 1}], "quarters.0.quarter"),
    ([{"quarter": 2, "target": 1}, {"quarter": 2, "target": 3}], "quarters.1.quarter"),
    ([{"quarter": 1, "obstacles": "x" * 2001}], "quarters.0.obstacles"),
    ([{"quarter": 1, "follow_up": "x" * 2001}], "quarters.0.follow_up"),
])
def test_invalid_values_are_refused_per_field_and_change_nothing(cast, db, now, quarters, field):
    item = cast["item"]
    with pytest.raises(ValidationError) as caught:
        set_quarters(cast["owner"], item, quarters, True, 1, now)
    assert field in caught.value.fields
    db.session.rollback()
    item = _fresh(db, item)
    assert _rows(db, item) == 0 and item.version == 1 and item.progress == 10


def test_longest_notes_and_largest_amount_are_accepted(cast, db, now):
    item = cast["item"]
    set_quarters(cast["owner"], item, [{"quarter": 4, "target": "999999999999.99",
                                        "realisation": 0, "obstacles": "k" * 2000,
                                        "follow_up": "s" * 2000}], False, 1, now)
    db.session.commit()
    row = quarter_rows(_fresh(db, item))[3]
    assert row.target == Decimal("999999999999.99") and len(row.obstacles) == 2000


@pytest.mark.parametrize("who", ["pokja_member", "agency_head", "leader", "other_coordinator"])
def test_only_owner_coordinators_and_admins_may_report(cast, db, now, make_user, make_pokja, who):
    item = cast["item"]
    if who == "pokja_member":
        actor = make_user(role="member")
        cast["pokja"].members.append(actor)
        db.session.commit()
    elif who == "agency_head":
        actor = make_user(role="agency_head", agency=cast["agency"])
    elif who == "other_coordinator":
        actor = make_user(role="coordinator")
        make_pokja(coordinators=[actor])
    else:
        actor = make_user(role=who)
    with pytest.raises(PermissionDenied):
        set_quarters(actor, item, [{"quarter": 1, "target": 1}], False, 1, now)
    assert _rows(db, item) == 0


def test_admin_may_report(cast, db, now, make_user):
    set_quarters(make_user(role="admin"), cast["item"], [{"quarter": 1, "target": 1}], False, 1, now)
    assert _rows(db, cast["item"]) == 1


@pytest.mark.parametrize("status, label", [("done", "Done"), ("cancelled", "Cancelled")])
def test_done_or_cancelled_items_refuse_changes_naming_the_status(cast, db, now, make_item,
                                                                  status, label):
    item = make_item(pokja=cast["pokja"], owner=cast["owner"], status=status)
    with pytest.raises(Conflict) as caught:
        set_quarters(cast["owner"], item, [{"quarter": 1, "target": 1}], False, 1, now)
    assert label in caught.value.message
    assert _rows(db, item) == 0


def test_stale_or_missing_version_is_refused(cast, db, now):
    item = cast["item"]
    set_quarters(cast["owner"], item, [{"quarter": 1, "target": 1}], False, 1, now)
    db.session.commit()
    item = _fresh(db, item)
    with pytest.raises(StaleVersion):
        set_quarters(cast["coordinator"], item, [{"quarter": 1, "target": 2}], False, 1, now)
    with pytest.raises(ValidationError) as caught:
        set_quarters(cast["coordinator"], item, [{"quarter": 1, "target": 2}], False, None, now)
    assert "version" in caught.value.fields
    db.session.rollback()
    assert quarter_rows(_fresh(db, item))[0].target == Decimal("1.00")


@pytest.mark.real_commits  # the other save commits on its own connection
def test_a_concurrent_save_fails_instead_of_overwriting(cast, db, now, app):
    """Another session saved after this one loaded the item: the version in the row moved on."""
    item = cast["item"]
    assert item.version == 1  # loaded here, before the other save
    with db.engine.begin() as connection:
        connection.execute(sa.update(ActionItem).where(ActionItem.id == item.id)
                           .values(version=ActionItem.version + 1))
    with pytest.raises(StaleVersion):
        set_quarters(cast["owner"], item, [{"quarter": 1, "target": 1}], False, 1, now)
    assert _rows(db, item) == 0
