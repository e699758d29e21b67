"""The API's shape of "Perlu tindakan"."""
from datetime import date, datetime

from pydantic import BaseModel, Field

from rbtasks.inbox.reasons import CODES, EXTENSION

_SINCE = ("Since when: a timestamp (ISO 8601 with offset) for an event — the submission, "
          "the return, the extension request — or a date (YYYY-MM-DD, WITA) for a calendar "
          "fact — the due date (due soon, overdue), the day of the escalation")
_CODE = ("Why: " + ", ".join(CODES) + " (most urgent first in that order)")


class ReasonOut(BaseModel):
    code: str = Field(description=_CODE)
    reason: str = Field(description="The reason in the user's language")
    since: date | datetime | None = Field(description=_SINCE)
    extension_id: int | None = Field(
        description="For an extension request: its id, to decide it at "
                    "/extensions/{id}/decision; null otherwise")


class InboxEntryOut(BaseModel):
    item_id: int
    title: str
    status: str
    due_date: date
    pokja: str = Field(description="The item's pokja")
    agency: str = Field(description="The item's agency")
    owner: str | None = Field(description="The item's owner; null for none")
    reason_code: str = Field(description="The most urgent reason's code. " + _CODE)
    reason: str = Field(description="The most urgent reason, in the user's language")
    since: date | datetime | None = Field(description="The most urgent reason's. " + _SINCE)
    reasons: list[ReasonOut] = Field(
        description="Every reason the item waits for the user (a user with several "
                    "duties, e.g. an owner who is also a coordinator), the most urgent first")


class InboxOut(BaseModel):
    data: list[InboxEntryOut] = Field(description="The most urgent first, then the oldest")

    @staticmethod
    def dump(entries):
        return {"data": [dump_entry(entry) for entry in entries]}


def _reason(reason):
    return {"code": reason.code, "reason": reason.text, "since": reason.since.isoformat() if reason.since else None,
            "extension_id": reason.facts.get("extension_id") if reason.code == EXTENSION
            else None}


def dump_entry(entry):
    reasons = [_reason(reason) for reason in entry.reasons]
    return {
        "item_id": entry.item_id, "title": entry.title, "status": entry.status,
        "due_date": entry.due_date.isoformat(), "pokja": entry.pokja_name,
        "agency": entry.agency_name, "owner": entry.owner_name,
        "reason_code": reasons[0]["code"], "reason": reasons[0]["reason"],
        "since": reasons[0]["since"], "reasons": reasons,
    }
