"""Statuses and priorities of an action item, with their interface labels."""
from flask_babel import lazy_gettext as _l

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
SUBMITTED = "submitted"
DONE = "done"
BLOCKED = "blocked"
CANCELLED = "cancelled"

STATUSES = (NOT_STARTED, IN_PROGRESS, SUBMITTED, DONE, BLOCKED, CANCELLED)
# Open items are the ones whose deadline still binds their owner.
OPEN_STATUSES = (NOT_STARTED, IN_PROGRESS, BLOCKED)

STATUS_LABELS = {
    NOT_STARTED: _l("Not started"),
    IN_PROGRESS: _l("In progress"),
    SUBMITTED: _l("Awaiting verification"),
    DONE: _l("Done"),
    BLOCKED: _l("Blocked"),
    CANCELLED: _l("Cancelled"),
}

LOW = "low"
NORMAL = "normal"
HIGH = "high"
PRIORITIES = (LOW, NORMAL, HIGH)
PRIORITY_LABELS = {LOW: _l("Low"), NORMAL: _l("Normal"), HIGH: _l("High")}

SORT_KEYS = ("due_date", "-due_date", "title", "-title", "status", "progress", "-progress",
             "priority", "-priority", "-updated_at", "updated_at")

# How the item page's history names a changed field.
FIELD_LABELS = {
    "title": _l("action"), "description": _l("description"), "output": _l("output"),
    "indicator": _l("indicator"), "target": _l("target"), "unit": _l("unit"),
    "pokja_id": _l("pokja"), "agency_id": _l("agency"), "owner_id": _l("owner"),
    "start_date": _l("start date"), "due_date": _l("due date"), "status": _l("status"),
    "progress": _l("progress"), "priority": _l("priority"), "budget": _l("budget"),
    "progress_from_quarters": _l("progress follows the realisation"),
}
