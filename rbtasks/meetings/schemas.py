"""API shapes of meetings and their decisions.

``held_at`` travels as ISO 8601 text WITH its offset
(``2026-12-07T09:00:00+08:00``); a time without one is refused, since
nobody could tell which zone it meant. Answers give it in WITA (+08:00).
"""
from datetime import date, datetime
from typing import Annotated, Literal

from flask_babel import gettext as _
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from rbtasks.errors import ValidationError
from rbtasks.evidence.schemas import HeldEvidenceOut
from rbtasks.inputs.ids import Id
from rbtasks.items.constants import STATUSES
from rbtasks.items.fields import TEXT_LIMITS
from rbtasks.meetings import decisions, services
from rbtasks.meetings.followup import ALL, MOST, NONE, SOME
from rbtasks.timeutil import province_zone

Name = Annotated[StrictStr, Field(max_length=services.MAX_NAME)]
Grade = Literal[ALL, MOST, SOME, NONE]
Status = Literal[STATUSES]  # type: ignore[valid-type]
HELD_AT = Field(description="ISO 8601 with its offset, e.g. 2026-12-07T09:00:00+08:00",
                max_length=64)


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class AttendeeIn(_Input):
    """An account (``user_id``) or a guest (``name`` and ``agency``)."""

    user_id: Id | None = None
    name: Name | None = None
    agency: Name | None = None


class AgendaPointIn(_Input):
    topic: Annotated[StrictStr, Field(max_length=services.MAX_TOPIC)]
    discussion: Annotated[StrictStr, Field(max_length=services.MAX_DISCUSSION)] = ""


class MeetingCreate(_Input):
    title: Annotated[StrictStr, Field(max_length=services.MAX_TITLE)]
    held_at: StrictStr = HELD_AT
    place: Name = ""
    chair: Name = ""
    note_taker: Name = ""
    attendees: list[AttendeeIn] = Field([], max_length=services.MAX_ATTENDEES)
    agenda: list[AgendaPointIn] = Field([], max_length=services.MAX_AGENDA)


class MeetingUpdate(_Input):
    """PATCH: only the fields sent change; a list sent replaces the old one."""

    title: Annotated[StrictStr, Field(max_length=services.MAX_TITLE)] = None
    held_at: StrictStr = Field(None, description=HELD_AT.description, max_length=64)
    place: Name | None = None
    chair: Name | None = None
    note_taker: Name | None = None
    attendees: list[AttendeeIn] = Field(None, max_length=services.MAX_ATTENDEES)
    agenda: list[AgendaPointIn] = Field(None, max_length=services.MAX_AGENDA)


def _text(name):
    return Field(None, max_length=TEXT_LIMITS[name])


class DecisionItemIn(BaseModel):
    """One follow-up item; it is checked and created as POST /items would."""

    model_config = ConfigDict(extra="forbid")

    title: StrictStr = Field(..., min_length=1, max_length=TEXT_LIMITS["title"])
    pokja_id: Id
    agency_id: Id
    owner_id: Id | None = None
    due_date: date
    description: StrictStr | None = _text("description")
    output: StrictStr | None = _text("output")
    indicator: StrictStr | None = _text("indicator")


class DecisionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: StrictStr = Field(..., max_length=decisions.MAX_TEXT)
    items: list[DecisionItemIn] = Field([], max_length=decisions.MAX_ITEMS)


class DecisionItemsCreate(BaseModel):
    """More follow-up items for a decision already recorded."""

    model_config = ConfigDict(extra="forbid")

    items: list[DecisionItemIn] = Field(..., min_length=1, max_length=decisions.MAX_ITEMS)


def parse_held_at(values):
    """Turn ``values["held_at"]`` (ISO text) into an aware datetime, in place."""
    if "held_at" not in values:
        return values
    text = values["held_at"]
    try:
        moment = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        moment = None
    if moment is None:
        message = _("Give the date and time in ISO 8601 with its offset, "
                    "e.g. 2026-12-07T09:00:00+08:00.")
        raise ValidationError(_("Some fields are not valid."), {"held_at": message})
    if moment.utcoffset() is None:
        message = _("Give the time with its time zone offset, "
                    "e.g. 2026-12-07T09:00:00+08:00.")
        raise ValidationError(_("Some fields are not valid."), {"held_at": message})
    values["held_at"] = moment
    return values


def held_at_text(moment):
    """ISO 8601 in WITA: 2026-12-07T09:00:00+08:00."""
    return moment.astimezone(province_zone()).isoformat()


# ---- answers ---------------------------------------------------------------------

class AttendeeOut(BaseModel):
    user_id: int | None
    name: str = Field(description="The account's name, or the guest's")
    agency: str = Field(description="The account's agency, or the guest's as written")


class AgendaPointOut(BaseModel):
    topic: str
    discussion: str


class DecisionItemState(BaseModel):
    id: int
    status: Status


class DecisionOut(BaseModel):
    id: int
    text: str
    item_ids: list[int]
    items: list[DecisionItemState] = Field(
        description="Each item's status (deleted items left out)")
    done: bool = Field(description="At least one item, and every item not cancelled is done")


class DecisionCreated(BaseModel):
    id: int
    text: str
    item_ids: list[int] = Field(description="All the decision's items, oldest first")


def decision_created(decision):
    return {"id": decision.id, "text": decision.text,
            "item_ids": [link.item_id for link in decision.links]}


class MeetingSummaryOut(BaseModel):
    id: int
    title: str
    held_at: str = Field(description="ISO 8601 in WITA (+08:00)")
    place: str
    chair: str
    note_taker: str
    decision_count: int
    follow_up_rate: float | None = Field(
        description="Done decisions ÷ decisions, 0–1; null without decisions")
    follow_up_grade: Grade | None = Field(
        description="all (1), most (≥ 0.5), some (> 0), none (0); null without decisions")


class MeetingOut(MeetingSummaryOut):
    attendees: list[AttendeeOut]
    agenda: list[AgendaPointOut]
    decisions: list[DecisionOut]


class MeetingEvidenceOut(HeldEvidenceOut):
    meeting_id: int


def summary_to_dict(meeting, follow_up):
    return {
        "id": meeting.id, "title": meeting.title, "held_at": held_at_text(meeting.held_at),
        "place": meeting.place or "", "chair": meeting.chair or "",
        "note_taker": meeting.note_taker or "", "decision_count": follow_up.decisions,
        "follow_up_rate": follow_up.rate_number(), "follow_up_grade": follow_up.grade,
    }


def attendee_to_dict(attendee):
    if attendee.user is not None:
        agency = attendee.user.agency.name if attendee.user.agency else ""
        return {"user_id": attendee.user_id, "name": attendee.user.name, "agency": agency}
    return {"user_id": None, "name": attendee.name, "agency": attendee.agency_name}


def meeting_to_dict(meeting, decisions, follow_up, done_ids):
    """The whole meeting with its ``decisions`` (loaded with their items);
    ``done_ids``: which of them are done."""
    result = summary_to_dict(meeting, follow_up)
    result["attendees"] = [attendee_to_dict(attendee) for attendee in meeting.attendees]
    result["agenda"] = [{"topic": point.topic, "discussion": point.discussion or ""}
                        for point in meeting.agenda]
    result["decisions"] = [decision_to_dict(decision, decision.id in done_ids)
                           for decision in decisions]
    return result


def decision_to_dict(decision, done):
    items = [link.item for link in decision.links if link.item.deleted_at is None]
    return {"id": decision.id, "text": decision.text, "item_ids": [item.id for item in items],
            "items": [{"id": item.id, "status": item.status} for item in items], "done": done}
