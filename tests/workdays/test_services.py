"""Admin overrides of the calendar: the two meaningful directions, refusals
that change nothing, one override per date, and the year's days off."""
from datetime import date

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from rbtasks.errors import NotFound, PermissionDenied, ValidationError
from rbtasks.workdays.calendar import WorkCalendar
from rbtasks.workdays.models import CalendarOverride
from rbtasks.workdays.services import (
    SOURCE_OVERRIDE,
    SOURCE_PACKAGE,
    add_override,
    list_overrides,
    non_working_days_for_year,
    remove_override,
)


@pytest.fixture
def admin(make_user):
    return make_user(role="admin")


def _overrides(db):
    return db.session.execute(
        sa.select(CalendarOverride.day, CalendarOverride.working, CalendarOverride.name)
        .order_by(CalendarOverride.day)).all()


def _refused(db, call):
    with pytest.raises(ValidationError) as caught, force_locale("en"):
        call()
    db.session.rollback()
    assert caught.value.status == 422
    return caught.value.fields


def test_admin_adds_a_day_off(db, admin, now):
    override = add_override(admin, date(2026, 11, 26), False, "Cuti bersama tambahan", now)
    db.session.commit()
    assert override.created_by_id == admin.id and override.created_at == now
    calendar = WorkCalendar.load()
    assert not calendar.is_working_day(date(2026, 11, 26))
    assert calendar.holiday_name(date(2026, 11, 26)) == "Cuti bersama tambahan"


def test_admin_marks_a_listed_cuti_bersama_as_worked(db, admin, now):
    add_override(admin, "2026-12-24", True, "  Cuti bersama dipindah  ", now)
    db.session.commit()
    assert _overrides(db) == [(date(2026, 12, 24), True, "Cuti bersama dipindah")]
    assert WorkCalendar.load().is_working_day(date(2026, 12, 24))


@pytest.mark.parametrize("day, working, message", [
    (date(2026, 11, 26), True, "is already a working day."),
    (date(2026, 8, 17), False, "is already a holiday: Hari Kemerdekaan Republik Indonesia."),
    (date(2026, 11, 28), True, "Saturday or Sunday, which is never a working day."),
    (date(2026, 11, 29), False, "Saturday or Sunday, which is already a day off."),
    (date(2026, 3, 21), True, "Saturday or Sunday, which is never a working day."),
])
def test_an_override_that_changes_nothing_is_refused(db, admin, now, day, working, message):
    fields = _refused(db, lambda: add_override(admin, day, working, "Alasan", now))
    assert message in fields["day"]
    assert _overrides(db) == []


def test_one_override_per_date_until_it_is_removed(db, admin, now):
    first = add_override(admin, date(2026, 12, 24), True, "Dipindah", now)
    db.session.commit()
    fields = _refused(db, lambda: add_override(admin, date(2026, 12, 24), True, "Lagi", now))
    assert fields["day"] == "This date already has an override. Remove it first."
    assert _overrides(db) == [(date(2026, 12, 24), True, "Dipindah")]

    removed = remove_override(admin, first.id)
    db.session.commit()
    assert removed.day == date(2026, 12, 24) and _overrides(db) == []
    assert not WorkCalendar.load().is_working_day(date(2026, 12, 24))
    add_override(admin, date(2026, 12, 24), True, "Dipindah lagi", now)
    db.session.commit()
    assert _overrides(db) == [(date(2026, 12, 24), True, "Dipindah lagi")]


@pytest.mark.parametrize("day, working, name, field, message", [
    ("24-12-2026", False, "Libur", "day", "Enter a date like 2026-12-24."),
    (None, False, "Libur", "day", "Enter a date like 2026-12-24."),
    ("1999-12-01", False, "Libur", "day", "Choose a date between 2000 and 2100."),
    ("2026-11-26", False, "   ", "name", "Give a name or reason, e.g. the decree that moved "
                                        "the day."),
    ("2026-11-26", False, "x" * 201, "name", "At most 200 characters."),
    ("2026-11-26", "no", "Libur", "working", "Choose whether the date is worked."),
])
def test_bad_input_is_refused_field_by_field(db, admin, now, day, working, name, field, message):
    fields = _refused(db, lambda: add_override(admin, day, working, name, now))
    assert fields[field] == message
    assert _overrides(db) == []


@pytest.mark.parametrize("role", ["leader", "coordinator", "agency_head", "member"])
def test_only_admins_change_overrides(db, make_user, admin, now, role):
    someone = make_user(role=role)
    with pytest.raises(PermissionDenied):
        add_override(someone, date(2026, 11, 26), False, "Libur", now)
    db.session.rollback()
    override = add_override(admin, date(2026, 11, 26), False, "Libur", now)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        remove_override(someone, override.id)
    db.session.rollback()
    assert len(_overrides(db)) == 1


def test_an_inactive_admin_cannot_add(db, make_user, now):
    former = make_user(role="admin", active=False)
    with pytest.raises(PermissionDenied):
        add_override(former, date(2026, 11, 26), False, "Libur", now)


def test_removing_a_missing_override_is_not_found(db, admin):
    with pytest.raises(NotFound):
        remove_override(admin, 12345)


def test_list_overrides_by_date(db, admin, now):
    add_override(admin, date(2027, 1, 4), False, "Tambahan", now)
    add_override(admin, date(2026, 12, 24), True, "Dipindah", now)
    db.session.commit()
    assert [o.day for o in list_overrides()] == [date(2026, 12, 24), date(2027, 1, 4)]


def test_the_years_days_off_with_names_and_sources(db, admin, now):
    plain = non_working_days_for_year(WorkCalendar.load(), 2026)
    assert (date(2026, 8, 17), "Hari Kemerdekaan Republik Indonesia", SOURCE_PACKAGE) in plain
    assert (date(2026, 12, 24), "Cuti Bersama Hari Raya Natal", SOURCE_PACKAGE) in plain
    # A holiday on a Saturday is named; an ordinary Saturday is not listed.
    assert (date(2026, 3, 21), "Hari Raya Idul Fitri", SOURCE_PACKAGE) in plain
    assert all(day != date(2026, 11, 28) for day, _name, _source in plain)
    assert [day for day, _n, _s in plain] == sorted(day for day, _n, _s in plain)

    add_override(admin, date(2026, 12, 24), True, "Dipindah", now)
    add_override(admin, date(2026, 11, 26), False, "Cuti bersama tambahan", now)
    db.session.commit()
    adjusted = non_working_days_for_year(WorkCalendar.load(), 2026)
    assert (date(2026, 11, 26), "Cuti bersama tambahan", SOURCE_OVERRIDE) in adjusted
    assert all(day != date(2026, 12, 24) for day, _name, _source in adjusted)
    assert len(adjusted) == len(plain)
