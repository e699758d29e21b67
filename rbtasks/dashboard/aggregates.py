"""The aggregate queries behind a dashboard scope, and their cache.

:func:`scope_aggregates` runs five statements over the scope's items (counts
per pokja and status, per agency, the two rates per pokja and per agency, the
ids of the first deadlines) and returns plain values. The answer depends only
on the rows and on the day, so it is cached under the data version
(rbtasks.dataversion), the scope and the day: a request reads one token and,
unless an item, a quarter's realisation, an extension, a pokja or an agency
was written since, answers from the cache. The numbers stay exactly those of
the queries, in every worker.
"""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from rbtasks.dashboard.cache import cached_for_data
from rbtasks.extensions import db
from rbtasks.items.constants import OPEN_STATUSES
from rbtasks.items.models import ActionItem
from rbtasks.items.queries import overdue_clause
from rbtasks.organisation.models import Agency, Pokja
from rbtasks.reports.localdate import offset_minutes
from rbtasks.reports.rates import Rates, count_rates
from rbtasks.timeutil import province_zone

UPCOMING_LIMIT = 20
# What the cached answers read; a write to any of these changes the data version.
SOURCE_TABLES = ("action_item", "quarter_realisation", "extension_request", "pokja", "agency")


@dataclass(frozen=True)
class PokjaStatusCount:
    pokja_id: int
    name: str
    status: str
    items: int
    progress_sum: int
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class AgencyCount:
    agency_id: int
    name: str
    code: str
    items: int
    overdue: int
    oldest_overdue_due: date | None


@dataclass(frozen=True)
class ScopeAggregates:
    pokja_counts: tuple[PokjaStatusCount, ...]
    agency_counts: tuple[AgencyCount, ...]
    rates_by_pokja: dict[int, Rates]
    rates_by_agency: dict[int, Rates]
    upcoming_ids: tuple[int, ...]


def scope_aggregates(scope, now, today, until) -> ScopeAggregates:
    """The scope's aggregates as of ``now`` (``today`` in the province's zone,
    deadlines up to ``until``), from the cache when nothing changed."""
    key = (scope.pokja_ids, scope.agency_id, scope.owner_id, today.isoformat(),
           until.isoformat(), offset_minutes(province_zone(), now))
    return cached_for_data("dashboard-aggregates", key,
                           lambda: _query(scope, now, today, until))


def _query(scope, now, today, until):
    return ScopeAggregates(
        pokja_counts=_pokja_counts(scope, today, until),
        agency_counts=_agency_counts(scope, today),
        rates_by_pokja=count_rates(scope, now, group_by=ActionItem.pokja_id),
        rates_by_agency=count_rates(scope, now, group_by=ActionItem.agency_id),
        upcoming_ids=_upcoming_ids(scope, today, until))


def count_where(condition):
    return sa.func.sum(sa.case((condition, 1), else_=0))


def due_soon_clause(today, until):
    return sa.and_(ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_date >= today,
                   ActionItem.due_date <= until)


def _pokja_counts(scope, today, until):
    """One aggregate query grouped by pokja and status."""
    statement = (
        sa.select(Pokja.id, Pokja.name, ActionItem.status, sa.func.count(ActionItem.id),
                  sa.func.sum(ActionItem.progress), count_where(overdue_clause(today)),
                  count_where(due_soon_clause(today, until)))
        .join(Pokja, Pokja.id == ActionItem.pokja_id)
        .where(*scope.clauses())
        .group_by(Pokja.id, Pokja.name, ActionItem.status)
    )
    return tuple(PokjaStatusCount(pokja_id, name, status, items, int(progress_sum or 0),
                                  int(overdue or 0), int(due_soon or 0))
                 for pokja_id, name, status, items, progress_sum, overdue, due_soon
                 in db.session.execute(statement))


def _agency_counts(scope, today):
    """One aggregate query grouped by agency, with its longest-overdue due date."""
    overdue = overdue_clause(today)
    oldest_due = sa.func.min(sa.case((overdue, ActionItem.due_date), else_=sa.null()))
    statement = (
        sa.select(Agency.id, Agency.name, Agency.code, sa.func.count(ActionItem.id),
                  count_where(overdue), sa.type_coerce(oldest_due, sa.Date))
        .join(Agency, Agency.id == ActionItem.agency_id)
        .where(*scope.clauses())
        .group_by(Agency.id, Agency.name, Agency.code)
    )
    return tuple(AgencyCount(agency_id, name, code, items, int(overdue_items or 0), oldest)
                 for agency_id, name, code, items, overdue_items, oldest
                 in db.session.execute(statement))


def _upcoming_ids(scope, today, until):
    """The first open items due in the window, soonest first (a bounded list)."""
    return tuple(db.session.scalars(
        sa.select(ActionItem.id)
        .where(*scope.clauses(), due_soon_clause(today, until))
        .order_by(ActionItem.due_date, ActionItem.id)
        .limit(UPCOMING_LIMIT)))
