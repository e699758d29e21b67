"""Working days in the province: Monday–Friday, less national holidays and
joint-leave days (cuti bersama) from the ``holidays`` package, corrected by
the admins' overrides stored in the database.
"""
from datetime import date, timedelta
from functools import lru_cache

import holidays
import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.workdays.models import CalendarOverride


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
    database about the calendar a single time."""

    def __init__(self, overrides=None):
        # {date: (working: bool, name)}
        self.overrides = dict(overrides or {})

    @classmethod
    def load(cls):
        rows = db.session.execute(
            sa.select(CalendarOverride.day, CalendarOverride.working, CalendarOverride.name)
        )
        return cls({day: (working, name) for day, working, name in rows})

    def holiday_name(self, day):
        """Why ``day`` is not worked (None when it is a working day)."""
        if day in self.overrides:
            working, name = self.overrides[day]
            return None if working else (name or "Hari libur")
        listed = listed_holidays(day.year).get(day)
        if listed:
            return listed
        return None

    def is_working_day(self, day):
        if day in self.overrides:
            return self.overrides[day][0]
        return day.weekday() < 5 and day not in listed_holidays(day.year)

    def previous_working_day(self, day):
        """``day`` itself when it is worked, else the nearest worked day before it."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def next_working_day(self, day):
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, start, end):
        """The number of working days d with start < d ≤ end (0 when end ≤ start)."""
        count = 0
        day = start + timedelta(days=1)
        while day <= end:
            if self.is_working_day(day):
                count += 1
            day += timedelta(days=1)
        return count

    def non_working_days(self, first, last):
        """[(date, name)] of weekday non-working days between two dates, inclusive,
        plus overridden weekend days; weekends themselves are left out."""
        days = []
        day = first
        while day <= last:
            name = self.holiday_name(day)
            working = self.is_working_day(day)
            if not working and (day.weekday() < 5 or day in self.overrides):
                days.append((day, name or "Hari libur"))
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
