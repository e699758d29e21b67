"""Changing action items: create, edit, reassign, delete, comment.

Every change checks the actor's permission first, validates every field,
compares the version the actor saw, and appends one activity entry per
changed field. Services flush; the edge commits.
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
from rbtasks.notices.services import notify, notify_comment
from rbtasks.items.permissions import (
    can_comment,
    can_create_in,
    can_manage,
    editable_fields,
)
from rbtasks.organisation.models import Agency, Pokja

MAX_COMMENT = 5_000
_REFERENCES = {"pokja_id": Pokja, "agency_id": Agency, "owner_id": User}


def _display(field, value):
    """How a value is written in the activity log: names, not ids."""
    if value is None:
        return ""
    model = _REFERENCES.get(field)
    if model is not None:
        row = db.session.get(model, value)
        return row.name if row is not None else str(value)
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
    cleaned = clean_item_values(values)
    if not can_create_in(actor, cleaned["pokja_id"]):
        raise PermissionDenied(_("Only the pokja's coordinators can add items to it."))
    item = ActionItem(**cleaned, created_by_id=actor.id, updated_by_id=actor.id,
                      created_at=now, updated_at=now)
    db.session.add(item)
    db.session.flush()
    record(item, actor, "created", now, new=item.title)
    db.session.flush()
    if item.owner_id is not None:
        notify("assigned", item, actor, now)
    return item


def update_item(actor, item, values, expected_version, now):
    """Change the fields in ``values``; refuse all of them if any is not the actor's to change.

    ``expected_version`` is the version the actor saw; a different current
    version means someone else saved first, and nothing is overwritten.
    """
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
    cleaned = clean_item_values(values, current=item)
    if "pokja_id" in cleaned and not can_create_in(actor, cleaned["pokja_id"]):
        raise ValidationError(_("Some fields are not valid."),
                              {"pokja_id": _("You can only move items to a pokja you coordinate.")})

    changes = {name: value for name, value in cleaned.items() if getattr(item, name) != value}
    if not changes:
        return item
    previous_owner_id = item.owner_id
    for name, value in changes.items():
        record(item, actor, "updated", now, field=name,
               old=_display(name, getattr(item, name)), new=_display(name, value))
        setattr(item, name, value)
    item.updated_by_id = actor.id
    item.updated_at = now
    flush_or_conflict()
    if "owner_id" in changes:
        _tell_owners(item, actor, previous_owner_id, now)
    return item


def _tell_owners(item, actor, previous_owner_id, now):
    """The new owner is told the item is theirs; the previous one, who has it."""
    if item.owner_id is not None:
        notify("assigned", item, actor, now)
    if previous_owner_id is not None:
        new_owner = _display("owner_id", item.owner_id)
        notify("moved", item, actor, now, recipients=[db.session.get(User, previous_owner_id)],
               note=new_owner)


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
