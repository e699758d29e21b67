"""The numbers behind the dashboard, the summary API and the weekly digest.

:func:`summarise` answers, for what an actor may oversee (see
:mod:`rbtasks.dashboard.scope`) and as of ``now``: how many items there are
in each status, how many are overdue, how each pokja and each agency is
doing, what falls due in the next two weeks, and the tingkat implementasi
rencana aksi with the completion rate (rbtasks.reports.rates). It runs a fixed number of
aggregate queries however many items there are, and it pairs every number
with the item-list query (``/items?...``) that shows exactly those items.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from rbtasks.dashboard.scope import ListQuery, Scope, resolve_scope
from rbtasks.extensions import db
from rbtasks.items.constants import CANCELLED, OPEN_STATUSES, STATUSES
from rbtasks.items.models import ActionItem
from rbtasks.items.queries import overdue_clause
from rbtasks.organisation.models import Agency, Pokja
from rbtasks.reports.rates import Rates, count_rates
from rbtasks.snapshots.services import average
from rbtasks.timeutil import local_today
from rbtasks.workdays.calendar import WorkCalendar

DEADLINE_WINDOW_DAYS = 14
UPCOMING_LIMIT = 20
# The headline numbers, in the order the dashboard and the digest show them.
HEADLINE_NUMBERS = ("total", "done", "in_progress", "submitted", "overdue", "blocked",
                    "not_started", "cancelled")


@dataclass
class Headline:
    """Counts over the whole scope. ``due_soon`` counts open items due from
    today through the end of the deadline window."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    submitted: int = 0
    overdue: int = 0
    blocked: int = 0
    not_started: int = 0
    cancelled: int = 0
    due_soon: int = 0
    average_progress: Decimal | None = None


@dataclass
class PokjaRow:
    """A pokja's items in the scope. The average progress leaves cancelled
    items out (``progress_sum`` and ``progress_items`` cover the rest)."""

    pokja_id: int
    name: str
    items: int = 0
    done: int = 0
    overdue: int = 0
    due_soon: int = 0
    progress_sum: int = 0
    progress_items: int = 0
    average_progress: Decimal | None = None
    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    queries: dict[str, ListQuery] = field(default_factory=dict)
    rates: Rates = field(default_factory=Rates)


@dataclass
class AgencyRow:
    """An agency's items in the scope; ``most_overdue_days`` counts working
    days since the due date of its longest-overdue item (None: none overdue)."""

    agency_id: int
    name: str
    code: str
    items: int = 0
    overdue: int = 0
    oldest_overdue_due: date | None = None
    most_overdue_days: int | None = None
    queries: dict[str, ListQuery] = field(default_factory=dict)
    rates: Rates = field(default_factory=Rates)


@dataclass
class Summary:
    scope: Scope
    now: datetime
    today: date
    deadline_until: date
    headline: Headline
    queries: dict[str, ListQuery]
    pokjas: list[PokjaRow]
    agencies: list[AgencyRow]
    upcoming: list[ActionItem]
    rates: Rates = field(default_factory=Rates)

    @property
    def upcoming_more(self):
        """How many open items due in the window the ``upcoming`` list leaves out."""
        return max(0, self.headline.due_soon - len(self.upcoming))


def summarise(actor, now, pokja_ids=None, agency_id=None) -> Summary:
    """The dashboard's numbers for ``actor``'s scope narrowed by the filters,
    as of ``now`` (overdue and due dates are read in the province's zone).

    Raises ValidationError when a filter points outside the scope.
    """
    scope = resolve_scope(actor, pokja_ids, agency_id)
    today = local_today(now)
    until = today + timedelta(days=DEADLINE_WINDOW_DAYS)
    pokjas = _pokja_rows(scope, today, until)
    agencies = _agency_rows(scope, today)
    headline = _headline(pokjas)
    return Summary(scope=scope, now=now, today=today, deadline_until=until, headline=headline,
                   queries=_headline_queries(scope.base_query, today, until),
                   pokjas=pokjas, agencies=agencies, upcoming=_upcoming(scope, today, until),
                   rates=_attach_rates(scope, now, pokjas, agencies))


def _attach_rates(scope, now, pokjas, agencies):
    """Each row's rates (two grouped queries); the scope's are the pokja's summed,
    since every item belongs to one pokja."""
    by_pokja = count_rates(scope, now, group_by=ActionItem.pokja_id)
    by_agency = count_rates(scope, now, group_by=ActionItem.agency_id)
    for row in pokjas:
        row.rates = by_pokja.get(row.pokja_id, Rates())
    for row in agencies:
        row.rates = by_agency.get(row.agency_id, Rates())
    return sum(by_pokja.values(), Rates())


def _count_where(condition):
    return sa.func.sum(sa.case((condition, 1), else_=0))


def _due_soon_clause(today, until):
    return sa.and_(ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_date >= today,
                   ActionItem.due_date <= until)


def _pokja_rows(scope, today, until):
    """One aggregate query grouped by pokja and status."""
    statement = (
        sa.select(Pokja.id, Pokja.name, ActionItem.status, sa.func.count(ActionItem.id),
                  sa.func.sum(ActionItem.progress), _count_where(overdue_clause(today)),
                  _count_where(_due_soon_clause(today, until)))
        .join(Pokja, Pokja.id == ActionItem.pokja_id)
        .where(*scope.clauses())
        .group_by(Pokja.id, Pokja.name, ActionItem.status)
    )
    rows = {}
    for pokja_id, name, status, items, progress_sum, overdue, due_soon in \
            db.session.execute(statement):
        row = rows.setdefault(pokja_id, PokjaRow(pokja_id=pokja_id, name=name))
        row.items += items
        row.statuses[status] = row.statuses.get(status, 0) + items
        row.overdue += int(overdue or 0)
        row.due_soon += int(due_soon or 0)
        if status != CANCELLED:
            row.progress_sum += int(progress_sum or 0)
            row.progress_items += items
    for pokja_id, row in rows.items():
        row.done = row.statuses.get("done", 0)
        row.average_progress = average(row.progress_sum, row.progress_items)
        query = scope.base_query.replacing(pokja_id=pokja_id)
        row.queries = {"items": query, "done": query.plus(status="done"),
                       "overdue": query.plus(overdue=1)}
    return sorted(rows.values(), key=lambda row: (row.name.lower(), row.pokja_id))


def _headline(pokjas):
    headline = Headline()
    progress_sum = counted = 0
    for row in pokjas:
        headline.total += row.items
        headline.overdue += row.overdue
        headline.due_soon += row.due_soon
        for status, items in row.statuses.items():
            setattr(headline, status, getattr(headline, status) + items)
        progress_sum += row.progress_sum
        counted += row.progress_items
    headline.average_progress = average(progress_sum, counted)
    return headline


def _headline_queries(base, today, until):
    queries = {"total": base, "overdue": base.plus(overdue=1),
               "due_soon": base.plus(status=",".join(OPEN_STATUSES),
                                     due_after=today.isoformat(),
                                     due_before=until.isoformat())}
    for status in STATUSES:
        queries[status] = base.plus(status=status)
    return queries


def _agency_rows(scope, today):
    """One aggregate query grouped by agency, then the working days of each
    agency's longest-overdue item from the calendar (loaded once)."""
    overdue = overdue_clause(today)
    oldest_due = sa.func.min(sa.case((overdue, ActionItem.due_date), else_=sa.null()))
    statement = (
        sa.select(Agency.id, Agency.name, Agency.code, sa.func.count(ActionItem.id),
                  _count_where(overdue), sa.type_coerce(oldest_due, sa.Date))
        .join(Agency, Agency.id == ActionItem.agency_id)
        .where(*scope.clauses())
        .group_by(Agency.id, Agency.name, Agency.code)
    )
    rows = [AgencyRow(agency_id=agency_id, name=name, code=code, items=items,
                      overdue=int(overdue_items or 0), oldest_overdue_due=oldest)
            for agency_id, name, code, items, overdue_items, oldest
            in db.session.execute(statement)]
    calendar = WorkCalendar.load()
    for row in rows:
        if row.oldest_overdue_due is not None:
            row.most_overdue_days = calendar.working_days_between(row.oldest_overdue_due, today)
        query = scope.base_query.replacing(agency_id=row.agency_id)
        row.queries = {"items": query, "overdue": query.plus(overdue=1)}
    rows.sort(key=lambda row: (-row.overdue, -(row.most_overdue_days or 0), row.name.lower(),
                               row.agency_id))
    return rows


def _upcoming(scope, today, until):
    """The first open items due in the window, soonest first (a bounded list)."""
    statement = (
        sa.select(ActionItem)
        .options(joinedload(ActionItem.pokja), joinedload(ActionItem.agency),
                 joinedload(ActionItem.owner))
        .where(*scope.clauses(), _due_soon_clause(today, until))
        .order_by(ActionItem.due_date, ActionItem.id)
        .limit(UPCOMING_LIMIT)
    )
    return list(db.session.scalars(statement).unique())
