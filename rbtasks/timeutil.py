"""Time handling: aware UTC inside, the province's local time at the edges.

Nothing here reads the clock except :func:`utc_now`, which only the edges
(views, CLI commands, scheduler jobs) call; services take ``now`` as an argument.
"""
import re
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app


_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class UTCDateTime(sa.types.TypeDecorator):
    """A timestamp stored as naive UTC and always returned timezone-aware.

    SQLite and MariaDB have no zone-aware column type, so the value is
    normalised to UTC on the way in and tagged as UTC on the way out.
    Naive datetimes are refused: they are always a bug here.
    """

    impl = sa.DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "mysql":
            from sqlalchemy.dialects.mysql import DATETIME

            return dialect.type_descriptor(DATETIME(fsp=6))
        return dialect.type_descriptor(sa.DateTime())

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def utc_now():
    """The current moment, aware, in UTC. Only edges call this."""
    return datetime.now(timezone.utc)


def province_zone():
    return ZoneInfo(current_app.config["RBTASKS_TIMEZONE"])


def local_today(now, zone=None):
    """The calendar date of ``now`` in the province's time zone."""
    return now.astimezone(zone or province_zone()).date()


def parse_iso_date(text):
    """``YYYY-MM-DD`` to a date, or None when the text is not one."""
    if isinstance(text, date) and not isinstance(text, datetime):
        return text
    try:
        return date.fromisoformat(str(text).strip())
    except (TypeError, ValueError):
        return None


def parse_date_text(text):
    """A date as people type it (``31/12/2026``) or as ISO (``2026-12-31``);
    None when the text is neither or names no such day."""
    text = (text or "").strip()
    match = _DAY_MONTH_YEAR.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        if _ISO_DATE.match(text):
            return date.fromisoformat(text)
    except ValueError:
        return None
    return None


def parse_moment(text, zone=None):
    """An ISO 8601 moment; a naive one is read in the province's zone."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone or province_zone())
    return moment.astimezone(timezone.utc)
