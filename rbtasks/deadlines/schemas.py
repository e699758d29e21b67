"""JSON shapes of deadline-extension requests."""
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from rbtasks.deadlines.models import EXTENSION_STATUSES
from rbtasks.deadlines.services import MAX_REASON

ExtensionStatus = Literal[EXTENSION_STATUSES]  # type: ignore[valid-type]


class ExtensionCreate(BaseModel):
    """POST /items/{item_id}/extensions: the due date asked for and why."""

    model_config = ConfigDict(extra="forbid")

    new_due_date: date
    reason: StrictStr = Field(..., max_length=MAX_REASON)


class ExtensionDecision(BaseModel):
    """POST /extensions/{extension_id}/decision. A reason is required to reject."""

    model_config = ConfigDict(extra="forbid")

    approve: StrictBool
    reason: StrictStr | None = Field(None, max_length=MAX_REASON)


class ExtensionOut(BaseModel):
    id: int
    item_id: int
    status: ExtensionStatus
    old_due_date: date
    new_due_date: date
    reason: str
    requested_by_id: int | None
    requested_at: datetime
    decided_by_id: int | None
    decided_at: datetime | None
    decision_reason: str | None


def extension_to_dict(request):
    return {
        "id": request.id, "item_id": request.item_id, "status": request.status,
        "old_due_date": request.old_due_date.isoformat(),
        "new_due_date": request.new_due_date.isoformat(), "reason": request.reason,
        "requested_by_id": request.requested_by_id,
        "requested_at": request.requested_at.isoformat(),
        "decided_by_id": request.decided_by_id,
        "decided_at": request.decided_at.isoformat() if request.decided_at else None,
        "decision_reason": request.decision_reason,
    }
