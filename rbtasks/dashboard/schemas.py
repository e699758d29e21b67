"""The summary API's shape: the dashboard's numbers as JSON.

Beside every count, ``queries`` gives the item-list query string that
selects exactly those items: ``/api/v1/items?<query>`` (or ``/items?<query>``)
answers with the same total.
"""
from datetime import date

from pydantic import BaseModel, Field

from rbtasks.dashboard.summary import HEADLINE_NUMBERS


def _number(value):
    return None if value is None else float(value)


def _queries(queries):
    return {name: query.query_string for name, query in queries.items()}


class ScopeOut(BaseModel):
    kind: str = Field(description="plan, pokja, agency or owner: whose items are counted")
    pokja_ids: list[int] | None
    agency_id: int | None
    owner_id: int | None


class HeadlineOut(BaseModel):
    total: int
    done: int
    in_progress: int
    submitted: int = Field(description="Waiting for verification")
    overdue: int = Field(description="Open items past their due date (WITA)")
    blocked: int
    not_started: int
    cancelled: int
    due_soon: int = Field(description="Open items due from today to deadline_until")
    average_progress: float | None = Field(description="Cancelled items left out")


_IMPLEMENTATION = ("Tingkat implementasi rencana aksi: items completed (verified) by their "
                   "due date (WITA) ÷ items due so far, cancelled ones left out; null while "
                   "nothing is due")
_COMPLETION = "Items completed (verified) at all ÷ items due so far; null while nothing is due"


class RateCountsOut(BaseModel):
    due: int = Field(description="Items due so far (due today or earlier), cancelled left out")
    completed: int = Field(description="Of those, verified as done")
    completed_on_time: int = Field(description="Of those, completed on or before the due date")


def _rate_counts(rates):
    return RateCountsOut(due=rates.due, completed=rates.completed,
                         completed_on_time=rates.on_time)


class PokjaSummaryOut(BaseModel):
    pokja_id: int
    name: str
    items: int
    done: int
    overdue: int
    due_soon: int
    average_progress: float | None
    statuses: dict[str, int]
    queries: dict[str, str]
    implementation_rate: float | None = Field(ge=0, le=1, description=_IMPLEMENTATION)
    completion_rate: float | None = Field(ge=0, le=1, description=_COMPLETION)


class AgencySummaryOut(BaseModel):
    agency_id: int
    name: str
    code: str
    items: int
    overdue: int
    oldest_overdue_due: date | None
    most_overdue_working_days: int | None
    queries: dict[str, str]
    implementation_rate: float | None = Field(ge=0, le=1, description=_IMPLEMENTATION)
    completion_rate: float | None = Field(ge=0, le=1, description=_COMPLETION)


class SummaryOut(BaseModel):
    today: date
    deadline_until: date
    scope: ScopeOut
    headline: HeadlineOut
    queries: dict[str, str] = Field(description="Item-list query string for each headline number")
    pokjas: list[PokjaSummaryOut]
    agencies: list[AgencySummaryOut] = Field(description="Most overdue items first")
    implementation_rate: float | None = Field(ge=0, le=1, description=_IMPLEMENTATION)
    completion_rate: float | None = Field(ge=0, le=1, description=_COMPLETION)
    rate_counts: RateCountsOut

    @classmethod
    def dump(cls, summary):
        scope, headline = summary.scope, summary.headline
        return cls(
            today=summary.today, deadline_until=summary.deadline_until,
            scope=ScopeOut(kind=scope.kind, agency_id=scope.agency_id, owner_id=scope.owner_id,
                           pokja_ids=None if scope.pokja_ids is None else list(scope.pokja_ids)),
            headline=HeadlineOut(
                **{name: getattr(headline, name) for name in HEADLINE_NUMBERS},
                due_soon=headline.due_soon,
                average_progress=_number(headline.average_progress)),
            queries=_queries(summary.queries),
            pokjas=[PokjaSummaryOut(
                pokja_id=row.pokja_id, name=row.name, items=row.items, done=row.done,
                overdue=row.overdue, due_soon=row.due_soon,
                average_progress=_number(row.average_progress), statuses=row.statuses,
                queries=_queries(row.queries), implementation_rate=row.rates.implementation_rate,
                completion_rate=row.rates.completion_rate) for row in summary.pokjas],
            agencies=[AgencySummaryOut(
                agency_id=row.agency_id, name=row.name, code=row.code, items=row.items,
                overdue=row.overdue, oldest_overdue_due=row.oldest_overdue_due,
                most_overdue_working_days=row.most_overdue_days,
                queries=_queries(row.queries), implementation_rate=row.rates.implementation_rate,
                completion_rate=row.rates.completion_rate) for row in summary.agencies],
            implementation_rate=summary.rates.implementation_rate,
            completion_rate=summary.rates.completion_rate,
            rate_counts=_rate_counts(summary.rates),
        ).model_dump(mode="json")
