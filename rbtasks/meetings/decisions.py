"""A meeting's decisions (kesepakatan) and the action items that follow them up.

A decision and its items are made in one step and one transaction: the
items go through the items' own batch service (``create_items``), so who
may create them (the pokja's coordinators, admins), their validation, their
history and the notice to each owner are the items' one mechanism. Every
row is checked first and its problems reported under ``items.<index>.<field>``
(the same dotted names the API gives for a type error at that place); one
refused row means nothing is created. ``DecisionItem`` links each item to
its decision.
"""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from rbtasks.checks import FieldErrors, clean_long_text
from rbtasks.errors import NotFound, PermissionDenied, ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id
from rbtasks.items.fields import clean_item_values
from rbtasks.items.models import ActionItem
from rbtasks.items.permissions import can_create_in
from rbtasks.items.references import LoadedReferences
from rbtasks.items.services import create_items
from rbtasks.meetings.access import require_recorder
from rbtasks.meetings.models import Decision, DecisionItem


ITEM_FIELDS = ("title", "pokja_id", "agency_id", "owner_id", "due_date", "description",
               "output", "indicator")
MAX_TEXT = 5_000
MAX_ITEMS = 50  # items added in one step
MAX_DECISIONS = 200  # decisions of one meeting


def add_decision(actor, meeting, text, items, now):
    """Record a decision of ``meeting`` with the items that follow it up (none
    is fine: they can be added later with :func:`add_decision_items`)."""
    require_recorder(actor)
    errors = FieldErrors()
    text = clean_long_text(errors, "text", text, MAX_TEXT)
    if len(meeting.decisions) >= MAX_DECISIONS:
        errors.add("text", _("A meeting has at most %(count)d decisions.", count=MAX_DECISIONS))
    rows, references = _checked_rows(actor, items, errors)
    decision = Decision(meeting=meeting, text=text, created_by_id=actor.id, created_at=now,
                        position=max((d.position for d in meeting.decisions), default=0) + 1)
    db.session.add(decision)
    db.session.flush()
    _create_linked_items(actor, decision, rows, references, now)
    return decision


def add_decision_items(actor, decision, items, now):
    """Add follow-up items to an existing decision; returns the new items."""
    require_recorder(actor)
    errors = FieldErrors()
    rows, references = _checked_rows(actor, items, errors, required=True)
    return _create_linked_items(actor, decision, rows, references, now)


def update_decision(actor, decision, text, now):
    """Change a decision's wording; its items stay as they are."""
    require_recorder(actor)
    errors = FieldErrors()
    text = clean_long_text(errors, "text", text, MAX_TEXT)
    errors.raise_if_any()
    decision.text = text
    decision.meeting.updated_at = now
    db.session.flush()
    return decision


def delete_decision(actor, decision, now):
    """Remove a decision recorded by mistake. Its items stay (they may be
    under way) but no longer count for the meeting's follow-up."""
    require_recorder(actor)
    decision.meeting.updated_at = now
    db.session.delete(decision)
    db.session.flush()


def get_decision(meeting, decision_id):
    """The decision of ``meeting`` (a meeting the actor reads), or NotFound."""
    decision = db.session.get(Decision, decision_id) if is_id(decision_id) else None
    if decision is None or decision.meeting_id != meeting.id:
        raise NotFound(_("That decision does not exist."))
    return decision


def load_decisions(where):
    """The decisions matching ``where`` in their order, with their items and
    the items' owner, agency and pokja loaded (a few queries, not one per row)."""
    return list(db.session.scalars(
        sa.select(Decision).where(where).order_by(Decision.meeting_id, Decision.position,
                                                  Decision.id)
        .options(selectinload(Decision.links).selectinload(DecisionItem.item)
                 .options(selectinload(ActionItem.owner), selectinload(ActionItem.agency),
                          selectinload(ActionItem.pokja)))))


def decision_of_item(item_id):
    """The decision an item follows up, or None."""
    return db.session.scalar(
        sa.select(Decision).join(DecisionItem).where(DecisionItem.item_id == item_id))


def _create_linked_items(actor, decision, rows, references, now):
    created = create_items(actor, rows, now, references) if rows else []
    decision.links.extend(DecisionItem(item=item) for item in created)
    db.session.flush()
    return created


def _checked_rows(actor, items, errors, required=False):
    """The rows as ``create_items`` takes them (and the references that
    checked them), once every row passed the
    items' own checks; raises ValidationError (422, every problem at its
    ``items.<index>.<field>``) or PermissionDenied (a pokja the actor may
    not add items to)."""
    if items is None:
        items = []
    if not isinstance(items, list):
        errors.add("items", _("Must be a list."))
        items = []
    elif len(items) > MAX_ITEMS:
        errors.add("items", _("At most %(count)d items at once.", count=MAX_ITEMS))
        items = []
    elif required and not items:
        errors.add("items", _("Add at least one item."))
    references = LoadedReferences.load() if items else None
    rows = []
    for index, row in enumerate(items):
        prefix = f"items.{index}"
        if not isinstance(row, dict):
            errors.add(prefix, _("Give the item's fields."))
            continue
        unknown = sorted(set(row) - set(ITEM_FIELDS))
        if unknown:
            errors.add(f"{prefix}.{unknown[0]}", _("Unknown field."))
            continue
        if row.get("due_date") is not None and not isinstance(row["due_date"], date):
            errors.add(f"{prefix}.due_date", _("Give a date."))
            continue
        try:
            rows.append(clean_item_values(row, references=references))
        except ValidationError as error:
            for name, message in error.fields.items():
                errors.add(f"{prefix}.{name}", message)
    errors.raise_if_any()
    for row in rows:
        if not can_create_in(actor, row["pokja_id"]):
            raise PermissionDenied(_("Only the pokja's coordinators can add items to it."))
    return rows, references
