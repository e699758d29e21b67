"""The numbers behind the dashboard, the summary API and the weekly digest.

:func:`summarise` answers, for what an actor may oversee (see
:mod:`rbtasks.dashboard.scope`) and as of ``now``: how many items there are
in each status, how many are overdue, how each pokja and each agency is
doing, what falls due in the next two weeks, and the tingkat implementasi
rencana aksi with the completion rate (rbtasks.reports.rates). The counts
come from :mod:`rbtasks.dashboard.aggregates` (a fixed number of aggregate
queries, cached under the data version); this module turns them into rows
and pairs every number with the item-list query (``/items?...``) that shows
exactly those items.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from rbtasks.dashboard.aggregates import scope_aggregates
from rbtasks.dashboard.scope import ListQuery, Scope, resolve_scope
from rbtasks.extensions import db
from rbtasks.items.constants import CANCELLED, OPEN_STATUSES, STATUSES
from rbtasks.items.models import ActionItem
from rbtasks.reports.rates import Rates
from rbtasks.snapshots.services import average
from rbtasks.timeutil import local_today
from rbtasks.workdays.calendar import WorkCalendar

DEADLINE_WINDOW_DAYS = 14
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
    counts = scope_aggregates(scope, now, today, until)
    pokjas = _pokja_rows(scope, counts)
    agencies = _agency_rows(scope, counts, today)
    return Summary(scope=scope, now=now, today=today, deadline_until=until,
                   headline=_headline(pokjas),
                   queries=_headline_queries(scope.base_query, today, until),
                   pokjas=pokjas, agencies=agencies, upcoming=_upcoming(counts.upcoming_ids),
                   rates=sum(counts.rates_by_pokja.values(), Rates()))


def _pokja_rows(scope, counts):
    """A row per pokja from the counts per pokja and status; each row's rates.
    The scope's rates are the pokja's summed, since every item belongs to one pokja."""
    rows = {}
    for count in counts.pokja_counts:
        row = rows.setdefault(count.pokja_id, PokjaRow(pokja_id=count.pokja_id, name=count.name))
        row.items += count.items
        row.statuses[count.status] = row.statuses.get(count.status, 0) + count.items
        row.overdue += count.overdue
        row.due_soon += count.due_soon
        if count.status != CANCELLED:
            row.progress_sum += count.progress_sum
            row.progress_items += count.items
    for pokja_id, row in rows.items():
        row.done = row.statuses.get("done", 0)
        row.average_progress = average(row.progress_sum, row.progress_items)
        row.rates = counts.rates_by_pokja.get(pokja_id, Rates())
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


def _agency_rows(scope, counts, today):
    """A row per agency, with the working days of its longest-overdue item
    from the calendar (loaded once per request: admins edit the calendar)."""
    rows = [AgencyRow(agency_id=count.agency_id, name=count.name, code=count.code,
                      items=count.items, overdue=count.overdue,
                      oldest_overdue_due=count.oldest_overdue_due,
                      rates=counts.rates_by_agency.get(count.agency_id, Rates()))
            for count in counts.agency_counts]
    calendar = WorkCalendar.load()
    for row in rows:
        if row.oldest_overdue_due is not None:
            row.most_overdue_days = calendar.working_days_between(row.oldest_overdue_due, today)
        query = scope.base_query.replacing(agency_id=row.agency_id)
        row.queries = {"items": query, "overdue": query.plus(overdue=1)}
    rows.sort(key=lambda row: (-row.overdue, -(row.most_overdue_days or 0), row.name.lower(),
                               row.agency_id))
    return rows


def _upcoming(item_ids):
    """The items of the deadline list, read afresh by primary key (their
    owners' names are not part of the cached counts)."""
    statement = (
        sa.select(ActionItem)
        .options(joinedload(ActionItem.pokja), joinedload(ActionItem.agency),
                 joinedload(ActionItem.owner))
        .where(ActionItem.id.in_(item_ids))
        .order_by(ActionItem.due_date, ActionItem.id)
    )
    return list(db.session.scalars(statement).unique())
