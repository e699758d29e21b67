"""The dashboard's numbers against a known plan, for each role's scope, as of a fixed moment."""
from datetime import date, timedelta
from decimal import Decimal

import pytest

from rbtasks.dashboard.summary import summarise
from rbtasks.errors import PermissionDenied, ValidationError
from rbtasks.timeutil import local_today
from rbtasks.workdays.models import CalendarOverride


@pytest.fixture
def plan(build_plan, now, app):
    return build_plan(local_today(now))  # Wednesday 25 Nov 2026


def _headline(summary):
    h = summary.headline
    return {name: getattr(h, name) for name in (
        "total", "done", "in_progress", "submitted", "overdue", "blocked", "not_started",
        "cancelled", "due_soon")}


def _pokja_rows(summary):
    return [(row.name, row.items, row.done, row.overdue, row.average_progress)
            for row in summary.pokjas]


def _agency_rows(summary):
    return [(row.name, row.items, row.overdue, row.most_overdue_days) for row in summary.agencies]


@pytest.mark.parametrize("role", ["leader", "admin"])
def test_leader_and_admin_see_the_whole_plan(plan, now, role):
    summary = summarise(getattr(plan.users, role), now)

    assert summary.scope.kind == "plan"
    assert _headline(summary) == {"total": 10, "done": 2, "in_progress": 2, "submitted": 1,
                                  "overdue": 3, "blocked": 1, "not_started": 3, "cancelled": 1,
                                  "due_soon": 2}
    # 400 progress points over the 9 items that are not cancelled
    assert summary.headline.average_progress == Decimal("44.44")
    assert _pokja_rows(summary) == [
        ("Pokja Akuntabilitas", 5, 0, 2, Decimal("35.00")),
        ("Pokja Pelayanan Publik", 3, 1, 1, Decimal("53.33")),
        ("Pokja Tatalaksana", 2, 1, 0, Decimal("50.00")),
    ]
    # Most overdue items first. Working days since the oldest overdue due date:
    # Fri 20 Nov -> Mon 23, Tue 24, Wed 25 = 3; Mon 2 Nov -> 17 weekdays to 25 Nov.
    assert _agency_rows(summary) == [("Biro Organisasi", 6, 2, 3), ("Inspektorat Daerah", 4, 1, 17)]


def test_deadlines_in_the_next_14_days_are_open_items_from_today_on(plan, now):
    summary = summarise(plan.users.leader, now)

    assert summary.deadline_until == date(2026, 12, 9)
    assert [item.id for item in summary.upcoming] == [plan.items[7].id, plan.items[8].id]
    assert summary.upcoming_more == 0


def test_a_coordinator_sees_the_pokja_they_coordinate(plan, now):
    summary = summarise(plan.users.coord1, now)

    assert summary.scope.kind == "pokja"
    assert _headline(summary) == {"total": 5, "done": 0, "in_progress": 1, "submitted": 1,
                                  "overdue": 2, "blocked": 0, "not_started": 2, "cancelled": 1,
                                  "due_soon": 1}
    assert [row.name for row in summary.pokjas] == ["Pokja Akuntabilitas"]
    # one overdue item each: the longer-overdue agency ranks first
    assert _agency_rows(summary) == [("Inspektorat Daerah", 2, 1, 17), ("Biro Organisasi", 3, 1, 3)]


def test_a_coordinator_of_two_pokja_sees_both(plan, now):
    summary = summarise(plan.users.coord12, now)

    assert summary.headline.total == 8
    assert [row.name for row in summary.pokjas] == ["Pokja Akuntabilitas", "Pokja Pelayanan Publik"]
    assert summary.queries["total"].args == {"pokja_id": [str(plan.pokjas["P1"].id),
                                                          str(plan.pokjas["P2"].id)]}


def test_an_agency_head_sees_their_agency(plan, now):
    summary = summarise(plan.users.head1, now)

    assert summary.scope.kind == "agency"
    assert _headline(summary) == {"total": 6, "done": 1, "in_progress": 2, "submitted": 1,
                                  "overdue": 2, "blocked": 1, "not_started": 0, "cancelled": 1,
                                  "due_soon": 1}
    assert _agency_rows(summary) == [("Biro Organisasi", 6, 2, 3)]


def test_a_member_sees_their_own_items(plan, now):
    summary = summarise(plan.users.m1, now)

    assert summary.scope.kind == "owner"
    # items 1, 3, 4, 8 and 11 (10 is deleted)
    assert _headline(summary) == {"total": 5, "done": 1, "in_progress": 1, "submitted": 1,
                                  "overdue": 2, "blocked": 1, "not_started": 1, "cancelled": 0,
                                  "due_soon": 1}
    assert summary.queries["total"].args == {"owner_id": [str(plan.users.m1.id)]}


def test_filters_narrow_the_scope(plan, now):
    p1, a1 = plan.pokjas["P1"], plan.agencies["A1"]

    summary = summarise(plan.users.leader, now, pokja_ids=[p1.id], agency_id=a1.id)
    assert _headline(summary)["total"] == 3  # items 1, 4 and 6
    assert summary.headline.overdue == 1
    assert summarise(plan.users.m1, now, pokja_ids=[p1.id]).headline.total == 3  # 1, 4, 8
    assert summarise(plan.users.head1, now, pokja_ids=[p1.id]).headline.total == 3  # 1, 4, 6
    assert summarise(plan.users.coord12, now,
                     pokja_ids=[plan.pokjas["P2"].id]).headline.total == 3


@pytest.mark.parametrize("who, pokja, agency, field", [
    ("coord1", "P2", None, "pokja_id"),      # a pokja they do not coordinate
    ("head1", None, "A2", "agency_id"),      # another agency
    ("leader", "missing", None, "pokja_id"),  # a pokja that does not exist
    ("leader", None, "missing", "agency_id"),
])
def test_filters_outside_the_scope_are_refused(plan, now, who, pokja, agency, field):
    pokja_ids = None if pokja is None else [
        987654 if pokja == "missing" else plan.pokjas[pokja].id]
    agency_id = None if agency is None else (
        987654 if agency == "missing" else plan.agencies[agency].id)

    with pytest.raises(ValidationError) as raised:
        summarise(getattr(plan.users, who), now, pokja_ids=pokja_ids, agency_id=agency_id)
    assert set(raised.value.fields) == {field}


def test_working_days_skip_the_calendars_days_off(plan, now, db):
    db.session.add(CalendarOverride(day=date(2026, 11, 24), working=False, name="Cuti bersama",
                                    created_at=now))
    db.session.commit()

    summary = summarise(plan.users.leader, now)
    assert _agency_rows(summary) == [("Biro Organisasi", 6, 2, 2), ("Inspektorat Daerah", 4, 1, 16)]


def test_overdue_follows_the_province_date_not_utc(plan, now):
    # Item 3 is due on 24 Nov: at 23:30 WITA that day it is not overdue yet,
    # at 01:00 WITA on the 25th (still the 24th in UTC) it is.
    evening = summarise(plan.users.leader, now.replace(day=24, hour=15, minute=30))
    after_midnight = summarise(plan.users.leader, now.replace(day=24, hour=17, minute=0))

    assert (evening.today, evening.headline.overdue) == (date(2026, 11, 24), 2)
    assert (after_midnight.today, after_midnight.headline.overdue) == (date(2026, 11, 25), 3)


def test_a_coordinator_without_a_pokja_sees_their_own_items(make_user, make_item, now):
    coordinator = make_user(role="coordinator")
    make_item(owner=coordinator)
    make_item()

    summary = summarise(coordinator, now)
    assert summary.scope.kind == "owner"
    assert summary.headline.total == 1


def test_an_empty_plan_has_zeros(make_user, now):
    summary = summarise(make_user(role="leader"), now)

    assert summary.headline.total == 0
    assert summary.headline.average_progress is None
    assert summary.pokjas == [] and summary.agencies == [] and summary.upcoming == []


def test_an_inactive_user_gets_no_summary(make_user, now):
    with pytest.raises(PermissionDenied):
        summarise(make_user(role="leader", active=False), now)


def test_the_upcoming_list_is_bounded_and_says_how_many_more(make_user, make_item, make_pokja,
                                                            make_agency, now):
    pokja, agency = make_pokja(), make_agency()
    today = local_today(now)
    for offset in range(25):
        make_item(pokja=pokja, agency=agency, due_date=today + timedelta(days=offset % 15))

    summary = summarise(make_user(role="leader"), now)
    assert summary.headline.due_soon == 25
    assert len(summary.upcoming) == 20
    assert summary.upcoming_more == 5
    assert [item.due_date for item in summary.upcoming] == sorted(
        item.due_date for item in summary.upcoming)
