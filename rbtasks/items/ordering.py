"""The orders the item list offers, and the keyset cursor that reads on from a page.

Every order is one column (or the priority's rank) with the item id as the
tie-breaker, both in the same direction, so that one index of
``(column, id)`` serves the order forwards and backwards (see migration
0009) and a page's position is the pair ``(value, id)`` of its last item:
the next page is the rows after that pair, found in the index, however deep
it is. The cursor is that pair with the sort key, base64-encoded JSON; it is
a position, not a secret, and a bad one is refused with a clear message.
"""
import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.errors import ValidationError
from rbtasks.items.constants import PRIORITIES
from rbtasks.items.models import ActionItem

# The priority's rank as literal SQL (no bound parameters), so that it is the
# same expression as the index on it (PostgreSQL and SQLite; see migration
# 0009). MariaDB indexes no expression: it reads the rank from the virtual
# column ``priority_rank`` the database computes and indexes (migration 0015).
PRIORITY_RANK_SQL = "CASE {column} " + " ".join(
    f"WHEN '{priority}' THEN {rank}" for rank, priority in enumerate(PRIORITIES)) + " END"
PRIORITY_RANK = {priority: rank for rank, priority in enumerate(PRIORITIES)}
MAX_CURSOR_LENGTH = 1000


def _priority_rank(dialect_name):
    if dialect_name == "mysql":
        return sa.literal_column("action_item.priority_rank", sa.Integer)
    return sa.literal_column(PRIORITY_RANK_SQL.format(column="action_item.priority"), sa.Integer)


def _text(value):
    if not isinstance(value, str) or len(value) > 500:
        raise ValueError(value)
    return value


def _whole(value):
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(value)
    return value


def _aware(value):
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError(value)
    return moment


@dataclass(frozen=True)
class _Key:
    """One sortable column: how to read it from the database and from an item,
    and how to write it into a cursor and read it back."""

    expression: object  # dialect name -> the column or expression to sort by
    of_item: object
    dump: object
    load: object


_KEYS = {
    "due_date": _Key(lambda _dialect: ActionItem.due_date, lambda item: item.due_date,
                     date.isoformat, lambda value: date.fromisoformat(_text(value))),
    "title": _Key(lambda _dialect: ActionItem.title, lambda item: item.title, str, _text),
    "status": _Key(lambda _dialect: ActionItem.status, lambda item: item.status, str, _text),
    "progress": _Key(lambda _dialect: ActionItem.progress, lambda item: item.progress, int,
                     _whole),
    "priority": _Key(_priority_rank, lambda item: PRIORITY_RANK[item.priority], int, _whole),
    "updated_at": _Key(lambda _dialect: ActionItem.updated_at, lambda item: item.updated_at,
                       datetime.isoformat, _aware),
}


def _parts(sort):
    return _KEYS[sort.lstrip("-")], sort.startswith("-")


def order_by(sort, dialect_name):
    """ORDER BY clauses for a sort key such as ``"due_date"`` or ``"-progress"``."""
    key, descending = _parts(sort)
    columns = (key.expression(dialect_name), ActionItem.id)
    return [column.desc() if descending else column.asc() for column in columns]


def cursor_after(sort, item):
    """The cursor of the position just after ``item`` in the order ``sort``."""
    key, _descending = _parts(sort)
    payload = json.dumps([sort, key.dump(key.of_item(item)), item.id], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def read_cursor(text, sort):
    """``(value, id)`` from a cursor made for ``sort``; a ValidationError otherwise."""
    refused = ValidationError(_("Some filters are not valid."),
                              {"cursor": _("Not a valid cursor for this list and order.")})
    if len(text) > MAX_CURSOR_LENGTH:
        raise refused
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        cursor_sort, value, item_id = json.loads(raw)
        if cursor_sort != sort:
            raise ValueError(cursor_sort)
        key, _descending = _parts(sort)
        return key.load(value), _whole(item_id)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise refused from None


def after_clause(sort, position, dialect_name):
    """The rows after ``position`` (a ``(value, id)`` from :func:`read_cursor`).

    PostgreSQL and SQLite compare the pair as a row value, which their
    planners turn into one index range. MariaDB's optimiser does not use an
    index for row comparisons, so it gets the same condition spelled out,
    with the first column's bound on its own for the index range.
    """
    key, descending = _parts(sort)
    column, (value, item_id) = key.expression(dialect_name), position
    if dialect_name != "mysql":
        pair = sa.tuple_(column, ActionItem.id)
        bound = sa.tuple_(sa.literal(value, column.type), sa.literal(item_id, sa.Integer))
        return pair < bound if descending else pair > bound
    if descending:
        return sa.and_(column <= value,
                       sa.or_(column < value, ActionItem.id < item_id))
    return sa.and_(column >= value, sa.or_(column > value, ActionItem.id > item_id))
