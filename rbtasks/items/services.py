"""Changing action items: create, edit, reassign, delete, comment.

Every change checks the actor's permission first, validates every field,
compares the version the actor saw, and appends one activity entry per
changed field. Services flush; the edge commits. Creating and editing have
a batch form (:func:`create_items`, :func:`update_items`) for work on many
items at once, such as an import: the same checks and history, a few
statements for the whole batch.
"""
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from rbtasks.accounts.models import User
from rbtasks.errors import PermissionDenied, StaleVersion, ValidationError
from rbtasks.extensions import db
from rbtasks.items.fields import clean_item_values
from rbtasks.items.history import record
from rbtasks.items.models import ActionItem, ActivityEntry, Comment
from rbtasks.items.permissions import (
    can_comment,
    can_create_in,
    can_manage,
    editable_fields,
)
from rbtasks.items.references import StoredReferences
from rbtasks.notices.services import notify_all, notify_comment

MAX_COMMENT = 5_000
_NAMED = ("pokja_id", "agency_id", "owner_id")


def _display(field, value, references):
    """How a value is written in the activity log: names, not ids."""
    if value is None:
        return ""
    if field in _NAMED:
        name = references.name(field, value)
        return name if name is not None else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def flush_or_conflict():
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise StaleVersion() from None


def create_item(actor, values, now):
    """Create an item in a pokja the actor coordinates (admins: any pokja)."""
    return create_items(actor, [values], now)[0]


def create_items(actor, rows, now, references=None):
    """Create an item from each dict of values in ``rows``, or none if any is refused.

    Every row is checked as :func:`create_item` checks one, before anything is
    written; then the items are inserted together and each gets its "created"
    entry. ``references`` (rbtasks/items/references.py) lets a caller that
    loaded the pokjas, agencies and users validate without a query per row.
    """
    references = references or StoredReferences()
    items = []
    for values in rows:
        cleaned = clean_item_values(values, references=references)
        if not can_create_in(actor, cleaned["pokja_id"]):
            raise PermissionDenied(_("Only the pokja's coordinators can add items to it."))
        items.append(ActionItem(**cleaned, created_by_id=actor.id, updated_by_id=actor.id,
                                created_at=now, updated_at=now))
    db.session.add_all(items)
    db.session.flush()
    for item in items:
        record(item, actor, "created", now, new=item.title)
    db.session.flush()
    notify_all("assigned", actor, now,
               [(item, (), "") for item in items if item.owner_id is not None])
    return items


def update_item(actor, item, values, expected_version, now):
    """Change the fields in ``values``; refuse all of them if any is not the actor's to change.

    ``expected_version`` is the version the actor saw; a different current
    version means someone else saved first, and nothing is overwritten.
    """
    return update_items(actor, [(item, values, expected_version)], now)[0]


def update_items(actor, changes, now, references=None):
    """:func:`update_item` for each ``(item, values, expected_version)`` in ``changes``.

    Every change is checked before any is made, so one refusal changes
    nothing; the items are then written in one flush. ``references`` as for
    :func:`create_items`.
    """
    references = references or StoredReferences()
    checked = [(item, _checked_update(actor, item, values, expected_version, references))
               for item, values, expected_version in changes]
    changed = False
    moved = []  # (item, previous owner id): the owners are told once the items are written
    for item, cleaned in checked:
        differences = {name: value for name, value in cleaned.items()
                       if getattr(item, name) != value}
        if "owner_id" in differences:
            moved.append((item, item.owner_id))
        for name, value in differences.items():
            record(item, actor, "updated", now, field=name,
                   old=_display(name, getattr(item, name), references),
                   new=_display(name, value, references))
            setattr(item, name, value)
        if differences:
            item.updated_by_id = actor.id
            item.updated_at = now
            changed = True
    if changed:
        flush_or_conflict()
    _tell_owners(moved, actor, now, references)
    return [item for item, _values, _version in changes]


def _tell_owners(moved, actor, now, references):
    """Each new owner is told the item is theirs; each previous one, who has it now."""
    notify_all("assigned", actor, now,
               [(item, (), "") for item, _previous in moved if item.owner_id is not None])
    notify_all("moved", actor, now, [
        (item, [db.session.get(User, previous)], _display("owner_id", item.owner_id, references))
        for item, previous in moved if previous is not None])


def _checked_update(actor, item, values, expected_version, references):
    """The cleaned ``values``, if ``actor`` may make this change to ``item`` now."""
    not_allowed = set(values) - editable_fields(actor, item)
    if not_allowed:
        raise PermissionDenied(
            _("You may not change: %(fields)s.", fields=", ".join(sorted(not_allowed)))
        )
    if expected_version is None:
        raise ValidationError(_("Some fields are not valid."),
                              {"version": _("This field is required.")})
    if expected_version != item.version:
        raise StaleVersion()
    cleaned = clean_item_values(values, current=item, references=references)
    if "pokja_id" in cleaned and not can_create_in(actor, cleaned["pokja_id"]):
        raise ValidationError(_("Some fields are not valid."),
                              {"pokja_id": _("You can only move items to a pokja you coordinate.")})
    return cleaned


def delete_item(actor, item, now):
    """Remove an item from every list. The row and its history stay for audit."""
    if not can_manage(actor, item):
        raise PermissionDenied(_("Only the pokja's coordinators can delete its items."))
    item.deleted_at = now
    item.updated_at = now
    item.updated_by_id = actor.id
    record(item, actor, "deleted", now)
    flush_or_conflict()


def add_comment(actor, item, body, now):
    body = (body or "").strip()
    if not can_comment(actor, item):
        raise PermissionDenied(_("You may not comment on this item."))
    if not body:
        raise ValidationError(_("Some fields are not valid."), {"body": _("Write a comment first.")})
    if len(body) > MAX_COMMENT:
        raise ValidationError(_("Some fields are not valid."),
                              {"body": _("At most %(count)d characters.", count=MAX_COMMENT)})
    comment = Comment(item_id=item.id, author_id=actor.id, body=body, created_at=now)
    db.session.add(comment)
    db.session.flush()
    notify_comment(item, comment, actor, now)
    return comment


def item_comments(item):
    return list(db.session.scalars(
        sa.select(Comment).where(Comment.item_id == item.id).order_by(Comment.created_at, Comment.id)
    ))


def item_activity(item):
    return list(db.session.scalars(
        sa.select(ActivityEntry).where(ActivityEntry.item_id == item.id)
        .order_by(ActivityEntry.at.desc(), ActivityEntry.id.desc())
    ))
