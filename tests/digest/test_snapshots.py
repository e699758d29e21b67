"""Weekly snapshots: one row per week and scope, the dashboard's numbers,
updated (not duplicated) within a week, in a fixed number of queries."""
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from rbtasks.dashboard.summary import summarise
from rbtasks.organisation.models import Agency
from rbtasks.snapshots.models import WeeklySnapshot
from rbtasks.snapshots.services import previous_snapshot, snapshot_counts, take_snapshots
from tests.digest.conftest import wita
from tests.queries import counting_queries

MONDAY = wita(2026, 11, 30)


def _rows(db):
    return {(row.week_start, row.scope, row.scope_id): row
            for row in db.session.scalars(sa.select(WeeklySnapshot))}


def test_one_row_for_the_plan_each_pokja_and_each_agency(db, province):
    written = take_snapshots(MONDAY)
    db.session.commit()
    rows = _rows(db)
    pokjas = (province.pengawasan, province.sdm, province.pelayanan)
    agencies = db.session.scalars(sa.select(Agency.id)).all()
    assert written == len(rows) == 1 + len(pokjas) + len(agencies)
    week = date(2026, 11, 30)
    whole = rows[(week, "all", 0)]
    assert (whole.total, whole.done, whole.in_progress, whole.submitted, whole.overdue,
            whole.blocked, whole.not_started, whole.cancelled) == (9, 2, 2, 1, 3, 1, 2, 1)
    assert whole.average_progress == Decimal("50.00")   # cancelled left out
    pengawasan = rows[(week, "pokja", province.pengawasan.id)]
    assert (pengawasan.total, pengawasan.done, pengawasan.overdue) == (5, 1, 2)
    biro = rows[(week, "agency", province.biro.id)]
    assert (biro.total, biro.overdue, biro.cancelled) == (5, 2, 1)
    assert all(row.taken_at == MONDAY for row in rows.values())


def test_the_snapshot_tells_the_same_story_as_the_dashboard(db, province):
    take_snapshots(MONDAY)
    summary = summarise(province.leader, MONDAY)
    rows = _rows(db)
    whole = rows[(date(2026, 11, 30), "all", 0)]
    for name in ("total", "done", "in_progress", "submitted", "overdue", "blocked",
                 "not_started", "cancelled"):
        assert getattr(whole, name) == getattr(summary.headline, name), name
    assert whole.average_progress == summary.headline.average_progress
    for pokja in summary.pokjas:
        row = rows[(date(2026, 11, 30), "pokja", pokja.pokja_id)]
        # A pokja with only cancelled items has no average on the dashboard.
        assert (row.total, row.done, row.overdue, row.average_progress) == \
            (pokja.items, pokja.done, pokja.overdue, pokja.average_progress or Decimal("0.00"))
    for agency in summary.agencies:
        row = rows[(date(2026, 11, 30), "agency", agency.agency_id)]
        assert (row.total, row.overdue) == (agency.items, agency.overdue)


def test_a_second_run_in_the_week_updates_and_the_next_week_adds(db, province):
    take_snapshots(MONDAY)
    db.session.commit()
    count = len(_rows(db))
    province.items["talenta"].status = "done"
    db.session.commit()

    take_snapshots(wita(2026, 12, 4, 16, 0))   # Friday of the same week
    db.session.commit()
    rows = _rows(db)
    assert len(rows) == count
    assert rows[(date(2026, 11, 30), "all", 0)].done == 3
    assert rows[(date(2026, 11, 30), "all", 0)].taken_at == wita(2026, 12, 4, 16, 0)

    take_snapshots(wita(2026, 12, 7))
    db.session.commit()
    assert len(_rows(db)) == 2 * count


def _statements(db, now):
    with counting_queries(db.engine) as statements:
        take_snapshots(now)
        db.session.commit()
    return len(statements)


@pytest.mark.real_commits  # counts every statement
def test_the_number_of_queries_does_not_grow_with_the_items(db, province, make_item):
    first_insert, first_update = _statements(db, MONDAY), _statements(db, MONDAY)
    for index in range(60):
        make_item(title=f"Tambahan {index}", pokja=province.sdm, agency=province.biro,
                  status=("not_started", "in_progress", "done")[index % 3],
                  due_date=date(2026, 11, 1 + index % 28))
    next_monday = wita(2026, 12, 7)
    assert _statements(db, next_monday) == first_insert
    assert _statements(db, next_monday) == first_update
    assert max(first_insert, first_update) <= 10


def test_last_weeks_counts_add_up_a_coordinators_pokja(db, province):
    from tests.digest.conftest import seed_snapshot

    last_monday = date(2026, 11, 23)
    seed_snapshot(db, last_monday, "pokja", province.pengawasan.id, total=4, overdue=1,
                  cancelled=0, average_progress=Decimal("50.00"))
    seed_snapshot(db, last_monday, "pokja", province.sdm.id, total=2, overdue=2, cancelled=1,
                  average_progress=Decimal("20.00"))
    both = previous_snapshot(date(2026, 12, 2), "pokja",
                             [province.pengawasan.id, province.sdm.id])
    assert (both.total, both.overdue, both.cancelled) == (6, 3, 1)
    assert both.average_progress == Decimal("44.00")   # (4·50 + 1·20) / 5
    assert previous_snapshot(date(2026, 12, 2), "pokja", [province.pelayanan.id]) is None
    assert snapshot_counts(date(2026, 11, 30), "all") is None
