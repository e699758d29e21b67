"""Validation of action-item field values, shared by every edge.

Edges convert text to Python values; this module checks ranges, lengths and
references and reports every problem at once, per field.
"""
from datetime import date

from flask_babel import gettext as _

from rbtasks.errors import ValidationError
from rbtasks.items.constants import PRIORITIES
from rbtasks.items.references import StoredReferences

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


def clean_item_values(values, current=None, references=None):
    """Check ``values`` (a dict of field → Python value) and return it cleaned.

    ``current`` is the item being edited (None when creating), so that
    cross-field rules see the combined result. ``references`` answers whether
    the pokja, agency and owner exist (rbtasks/items/references.py; by
    default a query each). Raises ValidationError.
    """
    references = references or StoredReferences()
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

    if cleaned.get("pokja_id") is not None and not references.pokja_exists(cleaned["pokja_id"]):
        errors.setdefault("pokja_id", _("No such pokja."))
    if cleaned.get("agency_id") is not None and not references.agency_exists(cleaned["agency_id"]):
        errors.setdefault("agency_id", _("No such agency."))
    if cleaned.get("owner_id") is not None and not references.is_active_user(cleaned["owner_id"]):
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

    if "owner_id" not in errors and "agency_id" not in errors:
        _check_owner_agency(cleaned, current, errors, references)

    start = cleaned.get("start_date", current.start_date if current else None)
    due = cleaned.get("due_date", current.due_date if current else None)
    if start and due and start > due and "due_date" not in errors:
        errors["due_date"] = _("The due date cannot be before the start date.")

    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    return cleaned


def _check_owner_agency(cleaned, current, errors, references):
    """An owner works in the item's agency or in a unit under it.

    Only a changed owner or agency is checked, so an item saved before the
    rule existed can still be edited until someone reassigns it.
    """
    owner_id = cleaned.get("owner_id", current.owner_id if current else None)
    agency_id = cleaned.get("agency_id", current.agency_id if current else None)
    if owner_id is None or agency_id is None:
        return
    if current is not None and (owner_id, agency_id) == (current.owner_id, current.agency_id):
        return
    if not works_in(references.agency_of(owner_id), agency_id, references):
        errors["owner_id"] = _("%(name)s does not work in %(agency)s or a unit under it; "
                               "choose an owner from the item's agency.",
                               name=references.name("owner_id", owner_id),
                               agency=references.name("agency_id", agency_id))


def works_in(owner_agency_id, agency_id, references=None):
    """Whether an agency is ``agency_id`` itself or one of its units (any depth)."""
    references = references or StoredReferences()
    seen = set()
    while owner_agency_id is not None and owner_agency_id not in seen:
        if owner_agency_id == agency_id:
            return True
        seen.add(owner_agency_id)
        owner_agency_id = references.parent_of(owner_agency_id)
    return False
