"""The working-day calendar: weekends, holidays and cuti bersama from the
holidays package, admin overrides, and counting working days overdue."""
import random
from datetime import date, timedelta

from rbtasks.workdays.calendar import WorkCalendar, first_working_day_of_week

PLAIN = WorkCalendar()


def _naive_count(calendar, start, end):
    return sum(1 for offset in range(1, (end - start).days + 1)
               if calendar.is_working_day(start + timedelta(days=offset)))


def test_weekends_are_not_worked_and_have_no_holiday_name():
    assert PLAIN.is_working_day(date(2026, 11, 27))  # Friday
    assert not PLAIN.is_working_day(date(2026, 11, 28))  # Saturday
    assert not PLAIN.is_working_day(date(2026, 11, 29))  # Sunday
    assert PLAIN.is_working_day(date(2026, 11, 30))  # Monday
    assert PLAIN.holiday_name(date(2026, 11, 28)) is None
    assert PLAIN.next_working_day(date(2026, 11, 28)) == date(2026, 11, 30)
    assert PLAIN.previous_working_day(date(2026, 11, 29)) == date(2026, 11, 27)


def test_a_national_holiday_on_a_monday_is_not_worked():
    independence_day = date(2026, 8, 17)
    assert independence_day.weekday() == 0
    assert not PLAIN.is_working_day(independence_day)
    assert PLAIN.holiday_name(independence_day) == "Hari Kemerdekaan Republik Indonesia"
    # Friday 14th to Tuesday 18th: only the Tuesday is worked.
    assert PLAIN.working_days_between(date(2026, 8, 14), date(2026, 8, 18)) == 1


def test_a_cuti_bersama_day_is_not_worked():
    christmas_eve = date(2026, 12, 24)
    assert christmas_eve.weekday() == 3
    assert not PLAIN.is_working_day(christmas_eve)
    assert PLAIN.holiday_name(christmas_eve) == "Cuti Bersama Hari Raya Natal"
    assert PLAIN.next_working_day(christmas_eve) == date(2026, 12, 28)


def test_an_override_adds_a_day_off():
    extra = date(2026, 11, 26)  # an ordinary Thursday
    calendar = WorkCalendar({extra: (False, "Cuti bersama tambahan")})
    assert PLAIN.is_working_day(extra)
    assert not calendar.is_working_day(extra)
    assert calendar.holiday_name(extra) == "Cuti bersama tambahan"
    assert calendar.working_days_between(date(2026, 11, 25), date(2026, 11, 27)) == 1
    assert WorkCalendar({extra: (False, "")}).holiday_name(extra) == "Hari libur"


def test_an_override_makes_a_listed_holiday_a_working_day():
    moved = date(2026, 12, 24)
    calendar = WorkCalendar({moved: (True, "Cuti bersama dipindah")})
    assert calendar.is_working_day(moved)
    assert calendar.holiday_name(moved) is None
    assert calendar.working_days_between(date(2026, 12, 23), date(2026, 12, 28)) == 2
    assert PLAIN.working_days_between(date(2026, 12, 23), date(2026, 12, 28)) == 1


def test_the_year_boundary():
    # Thu 31 Dec 2026 is worked; 1 Jan 2027 (Fri) is New Year; then a weekend.
    assert PLAIN.is_working_day(date(2026, 12, 31))
    assert not PLAIN.is_working_day(date(2027, 1, 1))
    assert PLAIN.holiday_name(date(2027, 1, 1)) == "Tahun Baru Masehi"
    assert PLAIN.working_days_between(date(2026, 12, 31), date(2027, 1, 4)) == 1
    assert PLAIN.next_working_day(date(2027, 1, 1)) == date(2027, 1, 4)
    assert PLAIN.previous_working_day(date(2027, 1, 3)) == date(2026, 12, 31)
    # Due on the last working day of 2026, counted into February 2027:
    # January 2027 has 21 weekdays less New Year and Isra Mikraj (Tue 5th);
    # February 1-3 are worked.
    assert PLAIN.working_days_between(date(2026, 12, 31), date(2027, 2, 3)) == 19 + 3


def test_working_days_overdue_count_after_the_due_date_up_to_today():
    due = date(2026, 11, 23)  # Monday
    assert PLAIN.working_days_between(due, due) == 0
    assert PLAIN.working_days_between(due, date(2026, 11, 20)) == 0  # before the deadline
    assert PLAIN.working_days_between(due, date(2026, 11, 24)) == 1
    assert PLAIN.working_days_between(due, date(2026, 11, 25)) == 2
    # Due on a Friday: the weekend adds nothing, Monday is the first day overdue.
    assert PLAIN.working_days_between(date(2026, 11, 27), date(2026, 11, 29)) == 0
    assert PLAIN.working_days_between(date(2026, 11, 27), date(2026, 11, 30)) == 1


def test_a_deadline_on_a_holiday():
    christmas = date(2026, 12, 25)  # Friday, Hari Raya Natal
    assert PLAIN.working_days_between(christmas, date(2026, 12, 27)) == 0
    assert PLAIN.working_days_between(christmas, date(2026, 12, 28)) == 1
    # A reminder meant for the day itself moves to the last working day before it.
    assert PLAIN.previous_working_day(christmas) == date(2026, 12, 23)


def test_the_fast_count_agrees_with_counting_day_by_day():
    randomiser = random.Random(2026)
    overrides = {date(2026, 11, 26): (False, "Tambahan"), date(2026, 12, 24): (True, "Dipindah"),
                 date(2027, 1, 4): (False, "Tambahan")}
    calendar = WorkCalendar(overrides)
    for _round in range(300):
        start = date(2025, 6, 1) + timedelta(days=randomiser.randrange(0, 1000))
        end = start + timedelta(days=randomiser.randrange(-5, 800))
        assert calendar.working_days_between(start, end) == _naive_count(calendar, start, end)


def test_non_working_days_lists_weekday_holidays_but_not_plain_weekends():
    days = dict(PLAIN.non_working_days(date(2026, 12, 19), date(2027, 1, 3)))
    assert days == {date(2026, 12, 24): "Cuti Bersama Hari Raya Natal",
                    date(2026, 12, 25): "Hari Raya Natal",
                    date(2027, 1, 1): "Tahun Baru Masehi"}


def test_first_working_day_of_a_week_skips_cuti_bersama():
    assert first_working_day_of_week(PLAIN, date(2026, 12, 23)) == date(2026, 12, 21)
    # 23 and 24 March 2026 are cuti bersama Idul Fitri.
    assert first_working_day_of_week(PLAIN, date(2026, 3, 27)) == date(2026, 3, 25)
