"""JSON shapes of action items: what the API accepts and what it answers."""
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from rbtasks.api.spec import query
from rbtasks.api.types import rupiah
from rbtasks.items.constants import PRIORITIES, SORT_KEYS, STATUSES
from rbtasks.inputs.ids import Id
from rbtasks.items.fields import MAX_BUDGET, TEXT_LIMITS

Status = Literal[STATUSES]  # type: ignore[valid-type]
Priority = Literal[PRIORITIES]  # type: ignore[valid-type]
Budget = rupiah(MAX_BUDGET)


def _text(name, required=False):
    return Field(... if required else None, max_length=TEXT_LIMITS[name])


class ItemCreate(BaseModel):
    """POST /items. A new item is ``not_started``; statuses change through
    POST /items/{id}/transitions."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(..., min_length=1, max_length=TEXT_LIMITS["title"])
    description: str | None = _text("description")
    output: str | None = _text("output")
    indicator: str | None = _text("indicator")
    target: str | None = _text("target")
    unit: str | None = _text("unit")
    pokja_id: Id
    agency_id: Id
    owner_id: Id | None = None
    start_date: date | None = None
    due_date: date
    progress: StrictInt | None = Field(None, ge=0, le=100)
    priority: Priority | None = None
    budget: Budget | None = None


class ItemUpdate(BaseModel):
    """PATCH /items/{id}: any subset of fields, plus the ``version`` last read."""

    model_config = ConfigDict(extra="forbid")

    version: StrictInt
    title: str | None = Field(None, min_length=1, max_length=TEXT_LIMITS["title"])
    description: str | None = _text("description")
    output: str | None = _text("output")
    indicator: str | None = _text("indicator")
    target: str | None = _text("target")
    unit: str | None = _text("unit")
    pokja_id: Id | None = None
    agency_id: Id | None = None
    owner_id: Id | None = None
    start_date: date | None = None
    due_date: date | None = None
    progress: StrictInt | None = Field(None, ge=0, le=100)
    priority: Priority | None = None
    budget: Budget | None = None


class CommentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(..., min_length=1, max_length=5000)


class ItemOut(BaseModel):
    id: int
    title: str
    description: str
    output: str
    indicator: str
    target: str
    unit: str
    pokja_id: int
    agency_id: int
    owner_id: int | None
    start_date: date | None
    due_date: date
    status: Status
    progress: int = Field(ge=0, le=100)
    priority: Priority
    budget: int | None
    version: int
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    completed_at: datetime | None
    block_reason: str | None
    realisation_note: str | None
    progress_from_quarters: bool


class CommentOut(BaseModel):
    id: int
    item_id: int
    author_id: int | None
    body: str
    created_at: datetime


class ActivityOut(BaseModel):
    id: int
    item_id: int
    actor_id: int | None
    at: datetime
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    note: str | None


def item_to_dict(item):
    return {
        "id": item.id, "title": item.title, "description": item.description or "",
        "output": item.output or "", "indicator": item.indicator or "",
        "target": item.target or "", "unit": item.unit or "",
        "pokja_id": item.pokja_id, "agency_id": item.agency_id, "owner_id": item.owner_id,
        "start_date": item.start_date.isoformat() if item.start_date else None,
        "due_date": item.due_date.isoformat(), "status": item.status,
        "progress": item.progress, "priority": item.priority, "budget": item.budget,
        "version": item.version, "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
        "submitted_at": _iso(item.submitted_at), "completed_at": _iso(item.completed_at),
        "block_reason": item.block_reason, "realisation_note": item.realisation_note,
        "progress_from_quarters": bool(item.progress_from_quarters),
    }


def _iso(moment):
    return moment.isoformat() if moment else None


def comment_to_dict(comment):
    return {"id": comment.id, "item_id": comment.item_id, "author_id": comment.author_id,
            "body": comment.body, "created_at": comment.created_at.isoformat()}


def activity_to_dict(entry):
    return {"id": entry.id, "item_id": entry.item_id, "actor_id": entry.actor_id,
            "at": entry.at.isoformat(), "action": entry.action, "field": entry.field,
            "old_value": entry.old_value, "new_value": entry.new_value, "note": entry.note}


# The query arguments of the item list (rbtasks.items.queries.filters_from_args),
# for GET /items and for the exports of the same list.
_ID = {"type": "integer", "minimum": 1}
_DATE = {"type": "string", "format": "date"}
LIST_FILTER_PARAMETERS = [
    {**query("pokja_id", {"type": "array", "items": _ID, "maxItems": 100},
             "One pokja, or repeat the parameter for several"), "style": "form", "explode": True},
    query("agency_id", _ID), query("owner_id", _ID),
    query("status", {"type": "string", "enum": list(STATUSES)},
          "One status, or several separated by commas"),
    query("due_before", _DATE, "Due on or before this date"),
    query("due_after", _DATE, "Due on or after this date"),
    query("overdue", {"type": "boolean"}, "Only open items past their due date (WITA)"),
    query("q", {"type": "string", "maxLength": 200}, "Text in title, output or indicator"),
    query("sort", {"type": "string", "enum": list(SORT_KEYS)}),
]
LIST_PARAMETERS = [
    *LIST_FILTER_PARAMETERS,
    query("page", {"type": "integer", "minimum": 1},
          "Page number, within the first 10,000 items (without cursor)"),
    query("cursor", {"type": "string", "maxLength": 1000},
          "Read the page after this position: a previous page's meta.next_cursor, "
          "with the same filters and sort"),
    query("per_page", {"type": "integer", "minimum": 1, "maximum": 100}),
]
