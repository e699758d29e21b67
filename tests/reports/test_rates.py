"""The tingkat implementasi rencana aksi and the completion rate, counted in SQL.

``now`` is Wednesday 25 November 2026, 10:00 WITA (02:00 UTC).
"""
from datetime import date, datetime, timezone

import pytest

from rbtasks.dashboard.scope import Scope
from rbtasks.items.models import ActionItem
from rbtasks.reports.rates import Period, Rates, count_rates


def utc(*parts):
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.fixture
def plan(make_pokja, make_agency, make_item, now):
    """A pokja's items, each a case the national evaluation would argue about."""
    pokja = make_pokja(name="Pokja Penguatan Akuntabilitas")
    biro = make_agency(name="Biro Organisasi Setda NTT", code="BIRO-ORG")
    inspektorat = make_agency(name="Inspektorat Daerah", code="ITDA")

    def item(title, due, status="in_progress", completed=None, agency=biro, **extra):
        return make_item(pokja=pokja, agency=agency, title=title, due_date=due, status=status,
                         completed_at=completed, **extra)

    items = {
        # verified at 23:30 WITA on its due date: on time
        "on_due_date": item("Penyusunan SOP pelayanan", date(2026, 11, 20), "done",
                            utc(2026, 11, 20, 15, 30)),
        # verified at 00:30 WITA the next day, still 20 November in UTC: late
        "day_late_in_wita": item("Reviu Renstra", date(2026, 11, 20), "done",
                                 utc(2026, 11, 20, 16, 30), agency=inspektorat),
        "early": item("Sosialisasi zona integritas", date(2026, 11, 10), "done",
                      utc(2026, 11, 5, 1, 0)),
        "overdue_open": item("Penetapan SK Tim RB", date(2026, 11, 24)),
        # due today and waiting for verification: due, not completed
        "due_today_submitted": item("Laporan PMPRB", date(2026, 11, 25), "submitted",
                                    agency=inspektorat),
        # finished early, due next month: counted when its day comes
        "not_yet_due": item("Survei kepuasan masyarakat", date(2026, 12, 10), "done",
                            utc(2026, 11, 1, 2, 0)),
        "cancelled": item("Rapat koordinasi yang dibatalkan", date(2026, 11, 2), "cancelled"),
        "deleted": item("Entri ganda", date(2026, 11, 2), "done", utc(2026, 11, 1, 2, 0),
                        deleted_at=utc(2026, 11, 3, 2, 0)),
        # its deadline was extended from 10 to 23 November, and it was verified on the 21st
        "extended": item("Penyusunan peta proses bisnis", date(2026, 11, 23), "done",
                         utc(2026, 11, 21, 3, 0)),
    }
    return pokja, biro, inspektorat, items


def _scope(pokja):
    return Scope(kind="pokja", pokja_ids=(pokja.id,))


def test_rates_count_the_items_due_so_far_and_completed_by_their_wita_deadline(plan, now):
    pokja, _biro, _inspektorat, _items = plan
    rates = count_rates(_scope(pokja), now)
    # due: on_due_date, day_late_in_wita, early, overdue_open, due_today_submitted, extended
    assert rates == Rates(due=6, completed=4, on_time=3)
    assert rates.implementation_rate == pytest.approx(0.5)
    assert rates.completion_rate == pytest.approx(4 / 6)


def test_rates_per_agency(plan, now):
    pokja, biro, inspektorat, _items = plan
    by_agency = count_rates(_scope(pokja), now, group_by=ActionItem.agency_id)
    assert by_agency[biro.id] == Rates(due=4, completed=3, on_time=3)
    assert by_agency[inspektorat.id] == Rates(due=2, completed=1, on_time=0)
    assert by_agency[inspektorat.id].implementation_rate == 0


def test_a_past_period_ends_at_its_own_last_day(plan, now):
    pokja, *_ = plan
    # TW III 2026 is over: nothing of this plan was due by 30 September
    third_quarter = Period(date(2026, 1, 1), date(2026, 9, 30))
    assert count_rates(_scope(pokja), now, third_quarter) == Rates()
    # up to 20 November: the two items due that day and the early one
    to_the_twentieth = Period(date(2026, 11, 1), date(2026, 11, 20))
    assert count_rates(_scope(pokja), now, to_the_twentieth) == Rates(3, 3, 2)


def test_nothing_due_yet_has_no_rate(make_pokja, make_item, now):
    pokja = make_pokja()
    make_item(pokja=pokja, due_date=date(2027, 3, 31), status="in_progress")
    rates = count_rates(_scope(pokja), now)
    assert rates == Rates()
    assert rates.implementation_rate is None and rates.completion_rate is None


def test_a_late_verification_in_the_evening_still_counts_by_the_wita_date(make_pokja, make_item):
    """At 07:59 WITA on 21 November it is still 20 November in UTC: the item
    verified the evening before (22:00 WITA, 14:00 UTC) was on time."""
    pokja = make_pokja()
    make_item(pokja=pokja, due_date=date(2026, 11, 20), status="done",
              completed_at=utc(2026, 11, 20, 14, 0))
    rates = count_rates(_scope(pokja), utc(2026, 11, 20, 23, 59))
    assert rates == Rates(due=1, completed=1, on_time=1)
