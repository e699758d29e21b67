"""A UTC timestamp column read as a calendar date in the province's zone, in SQL.

``completed_at`` is stored as naive UTC; whether an item was completed "by its
deadline" compares the WITA date of that moment with ``due_date``. SQLite,
PostgreSQL and MariaDB spell date arithmetic differently, so
:func:`local_date` compiles per dialect. It shifts by a fixed offset: the
zones of Indonesia (WIB, WITA, WIT) keep no daylight saving, and the offset is
taken from the configured zone at the moment the caller names.
"""
import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement


class _LocalDate(FunctionElement):
    type = sa.Date()
    inherit_cache = True
    name = "local_date"


def local_date(column, minutes):
    """The date of ``column + minutes`` (the offset is written into the SQL,
    and so into the statement cache's key, never a bound parameter)."""
    return _LocalDate(column, sa.literal_column(str(int(minutes))))


def _parts(element, compiler, **kw):
    column, offset = list(element.clauses)
    return compiler.process(column, **kw), int(offset.name)


@compiles(_LocalDate, "sqlite")
def _sqlite(element, compiler, **kw):
    column, minutes = _parts(element, compiler, **kw)
    return f"date({column}, '{minutes:+d} minutes')"


@compiles(_LocalDate, "postgresql")
def _postgresql(element, compiler, **kw):
    column, minutes = _parts(element, compiler, **kw)
    return f"CAST({column} + INTERVAL '{minutes} minutes' AS DATE)"


@compiles(_LocalDate, "mysql")
def _mysql(element, compiler, **kw):
    column, minutes = _parts(element, compiler, **kw)
    return f"DATE(DATE_ADD({column}, INTERVAL {minutes} MINUTE))"


def offset_minutes(zone, now):
    """The zone's offset from UTC at ``now``, in whole minutes."""
    return int(now.astimezone(zone).utcoffset().total_seconds() // 60)
