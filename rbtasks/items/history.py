"""An item's history: the one door that writes it, and how each entry reads.

Every feature that changes an item calls :func:`record`; nothing else adds
``ActivityEntry`` rows. Work on many items at once (an import) records
inside :func:`recorded_together`, which writes the same entries, in the same
order, with one statement instead of one each. Each feature also tells, in
its ``init_app``, how its actions read on the item page
(:func:`add_describers`), so the page needs to know no feature's actions.
Describers write stored values through rbtasks/items/history_format.py, in
the reader's language.
"""
from contextlib import contextmanager
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from rbtasks.extensions import db
from rbtasks.items.constants import FIELD_LABELS
from rbtasks.items.history_format import value_text
from rbtasks.items.models import ActivityEntry

DESCRIBERS = "rbtasks.activity_describers"
NOTES = "rbtasks.activity_notes"
_TOGETHER = "rbtasks.history_together"  # the session's entries waiting for recorded_together


def record(item, actor, action, now, field=None, old=None, new=None, note=None):
    """Append one entry to ``item``'s history (flushed with the change, or inside
    :func:`recorded_together` written with the others when the block ends)."""
    values = {"actor_id": actor.id if actor else None, "at": now, "action": action,
              "field": field, "old_value": _text(old), "new_value": _text(new),
              "note": note or None}
    waiting = db.session.info.get(_TOGETHER)
    if waiting is not None:
        waiting.append((item, values))
        return
    db.session.add(ActivityEntry(item_id=item.id, **values))


@contextmanager
def recorded_together():
    """Write the entries recorded inside the block together, when it ends without error.

    The session is flushed first, so the entries follow the changes they
    describe; an error inside the block writes none of them (the edge rolls
    the rest back).
    """
    if db.session.info.get(_TOGETHER) is not None:  # already inside one
        yield
        return
    waiting = db.session.info[_TOGETHER] = []
    try:
        yield
    finally:
        db.session.info.pop(_TOGETHER, None)
    db.session.flush()
    if waiting:
        db.session.execute(sa.insert(ActivityEntry).execution_options(
            render_nulls=True, insertmanyvalues_page_size=_ROWS_PER_STATEMENT),
            [{"item_id": item.id, **values} for item, values in waiting])


# As many rows per INSERT as the drivers' parameter limits allow (SQLAlchemy splits
# a longer list further); fewer round trips for a long history. Empty values are
# written as NULL rather than left out, so that every row has the same columns
# and they all go in one statement.
_ROWS_PER_STATEMENT = 5_000


def _text(value):
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def add_describers(app, describers, notes=None):
    """Register ``{action: describe(entry) -> str}`` for the item page, and for actions
    whose stored note is not simply the person's own words, ``{action: note(entry)}``
    giving the note to show (None for none)."""
    app.extensions.setdefault(DESCRIBERS, {}).update(describers)
    app.extensions.setdefault(NOTES, {}).update(notes or {})


def describe(entry):
    """One line saying what the entry records, in the reader's language."""
    describer = current_app.extensions.get(DESCRIBERS, {}).get(entry.action)
    if describer is not None:
        return describer(entry)
    return " ".join(part for part in (entry.action, entry.field) if part)


def describe_note(entry):
    """The note shown under the entry: the words the person wrote with the change."""
    note = current_app.extensions.get(NOTES, {}).get(entry.action)
    return note(entry) if note is not None else entry.note


def describe_field_change(entry):
    return _("changed %(field)s: %(old)s → %(new)s",
             field=FIELD_LABELS.get(entry.field, entry.field),
             old=value_text(entry.field, entry.old_value),
             new=value_text(entry.field, entry.new_value))


def _created(entry):
    return _("created the item")


def _deleted(entry):
    return _("deleted the item")


ITEM_DESCRIBERS = {"created": _created, "deleted": _deleted, "updated": describe_field_change}
