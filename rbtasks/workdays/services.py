"""Admin overrides of the working-day calendar, and the year's days off.

The ``holidays`` package knows Indonesia's national holidays and cuti
bersama, but the government moves cuti bersama during the year. An admin
corrects the calendar in one of two directions: a date that becomes a day
off, or a listed holiday that is worked after all. Anything else would
change nothing, and is refused so the list of overrides stays meaningful.
"""
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from rbtasks.errors import NotFound, ValidationError
from rbtasks.extensions import db
from rbtasks.roles import require_admin
from rbtasks.timeutil import parse_iso_date
from rbtasks.workdays.calendar import DEFAULT_OVERRIDE_NAME, listed_holidays
from rbtasks.workdays.models import CalendarOverride

SOURCE_PACKAGE = "holidays package"
SOURCE_OVERRIDE = "override"
NAME_MAX_LENGTH = 200
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _refusal(day, working):
    """Why an override of ``day`` to ``working`` would not make sense, or None."""
    shown = format_date(day, "EEEE, d MMMM y")
    listed = listed_holidays(day.year).get(day)
    if working:
        if day.weekday() >= 5:
            return _("%(date)s is a Saturday or Sunday, which is never a working day.",
                     date=shown)
        if listed is None:
            return _("%(date)s is already a working day.", date=shown)
        return None
    if listed is not None:
        return _("%(date)s is already a holiday: %(name)s.", date=shown, name=listed)
    if day.weekday() >= 5:
        return _("%(date)s is a Saturday or Sunday, which is already a day off.", date=shown)
    return None


def add_override(actor, day, working, name, now):
    """Record that ``day`` is (``working`` True) or is not a working day,
    against what the holidays package says. Admins only; one per date.

    Raises ValidationError (422) for a bad date or name, a date that already
    has an override (remove it first), or an override that changes nothing —
    e.g. an ordinary weekday marked as working.
    """
    require_admin(actor)
    errors = {}
    parsed = parse_iso_date(day) if day is not None else None
    name = (name or "").strip()
    if parsed is None:
        errors["day"] = _("Enter a date like 2026-12-24.")
    elif not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        errors["day"] = _("Choose a date between %(first)d and %(last)d.",
                          first=FIRST_YEAR, last=LAST_YEAR)
    if not isinstance(working, bool):
        errors["working"] = _("Choose whether the date is worked.")
    if not name:
        errors["name"] = _("Give a name or reason, e.g. the decree that moved the day.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("At most %(max)d characters.", max=NAME_MAX_LENGTH)
    if "day" not in errors:
        existing = db.session.scalar(
            sa.select(CalendarOverride).where(CalendarOverride.day == parsed))
        if existing is not None:
            errors["day"] = _("This date already has an override. Remove it first.")
        elif "working" not in errors:
            refusal = _refusal(parsed, working)
            if refusal:
                errors["day"] = refusal
    if errors:
        raise ValidationError(_("The override was not added."), errors)

    override = CalendarOverride(day=parsed, working=working, name=name,
                                created_by_id=actor.id, created_at=now)
    db.session.add(override)
    try:
        db.session.flush()
    except IntegrityError:
        # Another admin added the same date a moment ago.
        db.session.rollback()
        raise ValidationError(
            _("The override was not added."),
            {"day": _("This date already has an override. Remove it first.")}) from None
    return override


def remove_override(actor, override_id):
    """Delete an override, so the date follows the holidays package again.
    Admins only. Returns the removed override."""
    require_admin(actor)
    override = db.session.get(CalendarOverride, override_id)
    if override is None:
        raise NotFound(_("That override does not exist."))
    db.session.delete(override)
    db.session.flush()
    return override


def list_overrides():
    """Every override, by date."""
    return list(db.session.scalars(sa.select(CalendarOverride).order_by(CalendarOverride.day)))


def non_working_days_for_year(calendar, year):
    """[(date, name, source)] of the named days off in ``year``: the listed
    holidays and cuti bersama (weekend ones included) that are not worked
    after all, and the overrides that add a day off. ``source`` is
    SOURCE_PACKAGE or SOURCE_OVERRIDE. Ordinary weekends are left out."""
    days = []
    day, last = date(year, 1, 1), date(year, 12, 31)
    while day <= last:
        if not calendar.is_working_day(day):
            if day in calendar.overrides:
                days.append((day, calendar.overrides[day][1] or DEFAULT_OVERRIDE_NAME,
                             SOURCE_OVERRIDE))
            else:
                listed = listed_holidays(year).get(day)
                if listed is not None:
                    days.append((day, listed, SOURCE_PACKAGE))
        day += timedelta(days=1)
    return days
