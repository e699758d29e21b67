"""Validation of action-item field values, shared by every edge.

Edges convert text to Python values; this module checks ranges, lengths and
references and reports every problem at once, per field.
"""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.accounts.models import User
from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.items.constants import PRIORITIES
from rbtasks.organisation.models import Agency, Pokja

# Status is not among them: it changes only through the workflow's transitions.
EDITABLE_FIELDS = (
    "title", "description", "output", "indicator", "target", "unit", "pokja_id", "agency_id",
    "owner_id", "start_date", "due_date", "progress", "priority", "budget",
)
TEXT_LIMITS = {"title": 300, "description": 10_000, "output": 500, "indicator": 500,
               "target": 100, "unit": 50}
REQUIRED = ("title", "pokja_id", "agency_id", "due_date")
MAX_BUDGET = 10**15  # a thousand trillion rupiah: far beyond any provincial budget
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def _exists(model, key):
    return key is not None and db.session.scalar(sa.select(model.id).where(model.id == key)) is not None


def _active_user(key):
    return db.session.scalar(sa.select(User.id).where(User.id == key, User.active.is_(True)))


def clean_item_values(values, current=None):
    """Check ``values`` (a dict of field → Python value) and return it cleaned.

    ``current`` is the item being edited (None when creating), so that
    cross-field rules see the combined result. Raises ValidationError.
    """
    errors = {}
    cleaned = {}
    for name, value in values.items():
        if name not in EDITABLE_FIELDS:
            errors[name] = _("Unknown field.")
            continue
        if name in TEXT_LIMITS:
            value = (value or "").strip()
            if len(value) > TEXT_LIMITS[name]:
                errors[name] = _("At most %(count)d characters.", count=TEXT_LIMITS[name])
        cleaned[name] = value

    if current is None:
        for name in REQUIRED:
            if cleaned.get(name) in (None, ""):
                errors.setdefault(name, _("This field is required."))
    else:
        for name in REQUIRED:
            if name in cleaned and cleaned[name] in (None, ""):
                errors.setdefault(name, _("This field is required."))

    if cleaned.get("pokja_id") is not None and not _exists(Pokja, cleaned["pokja_id"]):
        errors.setdefault("pokja_id", _("No such pokja."))
    if cleaned.get("agency_id") is not None and not _exists(Agency, cleaned["agency_id"]):
        errors.setdefault("agency_id", _("No such agency."))
    if cleaned.get("owner_id") is not None and not _active_user(cleaned["owner_id"]):
        errors.setdefault("owner_id", _("No such active user."))
    if "priority" in cleaned and cleaned["priority"] not in PRIORITIES:
        errors.setdefault("priority", _("Not a valid priority."))
    progress = cleaned.get("progress")
    if progress is not None and not 0 <= progress <= 100:
        errors.setdefault("progress", _("Progress is a percentage from 0 to 100."))
    if "progress" in cleaned and progress is None:
        errors.setdefault("progress", _("This field is required."))
    if "progress" in cleaned and current is not None and current.progress_from_quarters \
            and progress != current.progress:
        errors.setdefault("progress", _("Progress follows the quarterly realisation of this item; "
                                        "change the realisation instead."))
    budget = cleaned.get("budget")
    if budget is not None and not 0 <= budget <= MAX_BUDGET:
        errors.setdefault("budget", _("The budget must be a positive amount of rupiah."))
    for name in ("start_date", "due_date"):
        moment = cleaned.get(name)
        if moment is not None and not EARLIEST <= moment <= LATEST:
            errors.setdefault(name, _("Dates must fall between 2000 and 2100."))

    start = cleaned.get("start_date", current.start_date if current else None)
    due = cleaned.get("due_date", current.due_date if current else None)
    if start and due and start > due and "due_date" not in errors:
        errors["due_date"] = _("The due date cannot be before the start date.")

    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    return cleaned
