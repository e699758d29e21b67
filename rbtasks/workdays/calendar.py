"""Working days in the province: Monday–Friday, less national holidays and
joint-leave days (cuti bersama) from the ``holidays`` package, corrected by
the admins' overrides stored in the database.
"""
from datetime import date, timedelta
from functools import lru_cache
from itertools import accumulate

import holidays
import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.workdays.models import CalendarOverride

DEFAULT_OVERRIDE_NAME = "Hari libur"


@lru_cache(maxsize=32)
def listed_holidays(year):
    """{date: name} of Indonesia's public holidays and cuti bersama in ``year``."""
    listed = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return dict(listed.items())


class WorkCalendar:
    """Answers working-day questions for a span of years, with the overrides
    loaded once (one query), so a sweep over 100,000 items asks the
    database about the calendar a single time.

    Each year is worked out once, into a list of flags and a running count,
    so ``working_days_between`` costs a few lookups however long the span.
    ``overrides`` is read-only after construction.
    """

    def __init__(self, overrides=None):
        # {date: (working: bool, name)}
        self.overrides = dict(overrides or {})
        self._years = {}

    @classmethod
    def load(cls):
        rows = db.session.execute(
            sa.select(CalendarOverride.day, CalendarOverride.working, CalendarOverride.name)
        )
        return cls({day: (working, name) for day, working, name in rows})

    def holiday_name(self, day):
        """The holiday or override that makes ``day`` a day off; None for a
        working day and for an ordinary Saturday or Sunday."""
        if day in self.overrides:
            working, name = self.overrides[day]
            return None if working else (name or DEFAULT_OVERRIDE_NAME)
        return listed_holidays(day.year).get(day)

    def _decide(self, day):
        if day in self.overrides:
            return self.overrides[day][0]
        return day.weekday() < 5 and day not in listed_holidays(day.year)

    def _year(self, year):
        """(flags, running) for ``year``: flags[i] tells whether its (i+1)-th
        day is worked; running[i] counts the worked days among its first i."""
        cached = self._years.get(year)
        if cached is None:
            first = date(year, 1, 1)
            length = (date(year + 1, 1, 1) - first).days if year < 9999 else 365
            flags = [self._decide(first + timedelta(days=i)) for i in range(length)]
            cached = self._years[year] = (flags, list(accumulate(flags, initial=0)))
        return cached

    def is_working_day(self, day):
        flags, _running = self._year(day.year)
        return flags[day.timetuple().tm_yday - 1]

    def previous_working_day(self, day):
        """``day`` itself when it is worked, else the nearest worked day before it."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def next_working_day(self, day):
        """``day`` itself when it is worked, else the nearest worked day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def _worked_through(self, day):
        """Worked days from 1 January of ``day``'s year up to ``day`` inclusive."""
        _flags, running = self._year(day.year)
        return running[day.timetuple().tm_yday]

    def working_days_between(self, start, end):
        """The number of working days d with start < d ≤ end (0 when end ≤ start)."""
        if end <= start:
            return 0
        whole_years = sum(self._year(year)[1][-1] for year in range(start.year, end.year))
        return whole_years + self._worked_through(end) - self._worked_through(start)

    def non_working_days(self, first, last):
        """[(date, name)] of weekday non-working days between two dates, inclusive,
        plus overridden weekend days; weekends themselves are left out."""
        days = []
        day = first
        while day <= last:
            if not self.is_working_day(day) and (day.weekday() < 5 or day in self.overrides):
                days.append((day, self.holiday_name(day) or DEFAULT_OVERRIDE_NAME))
            day += timedelta(days=1)
        return days


def first_working_day_of_week(calendar: WorkCalendar, day: date):
    """The first working day of ``day``'s ISO week (None in a week with none)."""
    monday = day - timedelta(days=day.weekday())
    for offset in range(7):
        candidate = monday + timedelta(days=offset)
        if calendar.is_working_day(candidate):
            return candidate
    return None
