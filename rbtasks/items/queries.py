"""Reading action items: filtered, sorted, paginated lists and single items.

Every list runs a fixed number of queries however many items it shows:
one for the page (with pokja, agency and owner joined in) and one count,
and each reads a bounded number of rows however large the plan: the page
comes from an index in the list's order (rbtasks.items.ordering), and the
count stops after ``COUNT_LIMIT`` rows (rbtasks.paging).
"""
from array import array
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import format_number, gettext as _
from sqlalchemy.orm import joinedload

from rbtasks.errors import NotFound, ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import number_argument
from rbtasks.paging import COUNT_LIMIT, MAX_PER_PAGE, Page, count_at_most, pages_within_limit
from rbtasks.items.constants import OPEN_STATUSES, SORT_KEYS, STATUSES
from rbtasks.items.ordering import after_clause, cursor_after, order_by, read_cursor
from rbtasks.items.models import ActionItem
from rbtasks.items.permissions import can_see, visible_items_clause
from rbtasks.organisation.models import Pokja
from rbtasks.timeutil import local_today, parse_date_text

MAX_QUERY_TEXT = 200
MAX_POKJA_FILTERS = 100
ID_CHUNK = 10_000  # ids fetched from the server at a time by item_batches


@dataclass
class ItemFilters:
    """What a list is narrowed to. ``pokja_ids`` holds every ``pokja_id``
    argument (a coordinator of several pokja); ``pokja_id`` is the first."""

    pokja_id: int | None = None
    pokja_ids: list[int] = field(default_factory=list)
    agency_id: int | None = None
    owner_id: int | None = None
    statuses: list[str] = field(default_factory=list)
    due_before: date | None = None
    due_after: date | None = None
    overdue: bool = False
    q: str = ""


def _int_arg(args, name, errors):
    return number_argument(args.get(name), name, errors)


def filters_from_args(args):
    """Read list filters, sorting and paging from query-string arguments.

    Returns (ItemFilters, sort, page, per_page); bad values raise a
    ValidationError naming the argument, so nothing is silently ignored.
    """
    errors = {}
    filters = ItemFilters(
        agency_id=_int_arg(args, "agency_id", errors),
        owner_id=_int_arg(args, "owner_id", errors),
    )
    filters.pokja_ids = _pokja_ids(args, errors)
    filters.pokja_id = filters.pokja_ids[0] if filters.pokja_ids else None
    statuses = [s for s in args.getlist("status") for s in s.split(",") if s]
    if any(s not in STATUSES for s in statuses):
        errors["status"] = _("Not a valid status.")
    filters.statuses = statuses
    for name in ("due_before", "due_after"):
        raw = (args.get(name) or "").strip()
        if raw:
            value = parse_date_text(raw)
            if value is None:
                errors[name] = _("Use a date like 31/12/2026.")
            setattr(filters, name, value)
    overdue = (args.get("overdue") or "").strip().lower()
    if overdue not in ("", "0", "1", "true", "false", "on", "off", "yes", "no"):
        errors["overdue"] = _("Use true or false.")
    filters.overdue = overdue in ("1", "true", "on", "yes")
    filters.q = (args.get("q") or "").strip()
    if len(filters.q) > MAX_QUERY_TEXT:
        errors["q"] = _("At most %(count)d characters.", count=MAX_QUERY_TEXT)
    sort = (args.get("sort") or "due_date").strip()
    if sort not in SORT_KEYS:
        errors["sort"] = _("Not a valid sort order.")
    page = _int_arg(args, "page", errors) or 1
    per_page = _int_arg(args, "per_page", errors) or 25
    if per_page > MAX_PER_PAGE:
        errors["per_page"] = _("At most %(count)d per page.", count=MAX_PER_PAGE)
    elif page > pages_within_limit(per_page):
        # Page numbers reach as far as the count does; further is by cursor.
        errors["page"] = _("Pages are numbered for the first %(count)s items only: "
                           "narrow the filters.", count=format_number(COUNT_LIMIT))
    if errors:
        raise ValidationError(_("Some filters are not valid."), errors)
    return filters, sort, page, per_page


def cursor_from_args(args):
    """The ``cursor`` argument (read by ``list_items``), or None; it replaces ``page``."""
    cursor = (args.get("cursor") or "").strip() or None
    if cursor is not None and (args.get("page") or "").strip():
        raise ValidationError(_("Some filters are not valid."),
                              {"cursor": _("Give either a page or a cursor, not both.")})
    return cursor


def _pokja_ids(args, errors):
    """Every ``pokja_id`` argument, in order, without repeats."""
    values = [value for value in args.getlist("pokja_id") if value.strip()]
    if len(values) > MAX_POKJA_FILTERS:
        errors["pokja_id"] = _("At most %(count)d pokja.", count=MAX_POKJA_FILTERS)
        return []
    ids = [number_argument(value, "pokja_id", errors) for value in values]
    return [] if "pokja_id" in errors else list(dict.fromkeys(ids))


def _escape_like(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filter_clauses(filters, today, dialect_name):
    clauses = [ActionItem.deleted_at.is_(None)]
    pokja_ids = filters.pokja_ids or ([filters.pokja_id] if filters.pokja_id else [])
    if len(pokja_ids) == 1:
        clauses.append(ActionItem.pokja_id == pokja_ids[0])
    elif pokja_ids:
        clauses.append(ActionItem.pokja_id.in_(pokja_ids))
    if filters.agency_id:
        clauses.append(ActionItem.agency_id == filters.agency_id)
    if filters.owner_id:
        clauses.append(ActionItem.owner_id == filters.owner_id)
    if filters.statuses:
        clauses.append(ActionItem.status.in_(filters.statuses))
    if filters.due_before:
        clauses.append(ActionItem.due_date <= filters.due_before)
    if filters.due_after:
        clauses.append(ActionItem.due_date >= filters.due_after)
    if filters.overdue:
        clauses.append(_indexed_overdue_clause(today, dialect_name))
    if filters.q:
        pattern = f"%{_escape_like(filters.q.lower())}%"
        clauses.append(sa.or_(
            sa.func.lower(ActionItem.title).like(pattern, escape="\\"),
            sa.func.lower(ActionItem.output).like(pattern, escape="\\"),
            sa.func.lower(ActionItem.indicator).like(pattern, escape="\\"),
        ))
    return clauses


def overdue_clause(today):
    """Open items whose due date has passed (calendar days, province time)."""
    return sa.and_(ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_date < today)


def _indexed_overdue_clause(today, dialect_name):
    """``overdue_clause`` as the list's indexes serve it. MariaDB has no
    partial index of the open items: it reads the virtual column ``is_open``
    (the same statuses; migration 0015) from its (is_open, deleted_at, due_date,
    id) index."""
    if dialect_name == "mysql":
        return sa.and_(sa.literal_column("action_item.is_open", sa.Integer) == 1,
                       ActionItem.due_date < today)
    return overdue_clause(today)


def _with_relations(statement):
    return statement.options(
        joinedload(ActionItem.pokja), joinedload(ActionItem.agency), joinedload(ActionItem.owner)
    )


def list_items(actor, filters, now, sort="due_date", page=1, per_page=25, cursor=None):
    """The page of items ``actor`` may see that match ``filters``: page
    number ``page``, or with ``cursor`` (a previous page's ``next_cursor``)
    the items after that position. The total is counted up to COUNT_LIMIT."""
    dialect = db.engine.dialect.name
    where = [visible_items_clause(actor), *_filter_clauses(filters, local_today(now), dialect)]
    total, exact = count_at_most(sa.select(ActionItem.id).where(*where))
    statement = _with_relations(sa.select(ActionItem).where(*where)).order_by(
        *order_by(sort, dialect))
    if cursor is not None:
        position = read_cursor(cursor, sort)
        statement = statement.where(after_clause(sort, position, dialect))
    else:
        statement = statement.offset((page - 1) * per_page)
    # One row more than the page tells whether there is a next one.
    items = list(db.session.scalars(statement.limit(per_page + 1)).unique())
    next_cursor = cursor_after(sort, items[per_page - 1]) if len(items) > per_page else None
    return Page(items=items[:per_page], page=page, per_page=per_page, total=total,
                total_exact=exact, next_cursor=next_cursor)


def item_batches(actor, filters, now, sort="due_date", size=500):
    """Every item ``actor`` may see that matches ``filters``, in the list's
    order, as lists of at most ``size`` items (with pokja, area, agency and
    owner loaded): what an export writes, however long the list.

    One query reads the ids in order (8 bytes an item), then each batch is
    read by primary key: the database sorts once, whatever the length, and
    only one batch of items is held at a time. An item deleted or changed
    out of the filters meanwhile is left out.
    """
    dialect = db.engine.dialect.name
    where = [visible_items_clause(actor), *_filter_clauses(filters, local_today(now), dialect)]
    # Streamed from the server (yield_per), so not even the ids arrive as a
    # list of rows; they are all read before the first batch's query.
    ordered = array("q", db.session.scalars(
        sa.select(ActionItem.id).where(*where).order_by(*order_by(sort, dialect))
        .execution_options(yield_per=ID_CHUNK)))
    statement = _with_relations(sa.select(ActionItem)).options(
        joinedload(ActionItem.pokja).joinedload(Pokja.area)).where(*where)
    for start in range(0, len(ordered), size):
        ids = ordered[start:start + size]
        position = {item_id: index for index, item_id in enumerate(ids)}
        items = db.session.scalars(statement.where(ActionItem.id.in_(ids.tolist()))).all()
        yield sorted(items, key=lambda item: position[item.id])


def list_my_items(actor, now, page=1, per_page=50):
    """The actor's own items: overdue first, then open by due date, then the rest."""
    today = local_today(now)
    where = [ActionItem.owner_id == actor.id, ActionItem.deleted_at.is_(None)]
    rank = sa.case((overdue_clause(today), 0), (ActionItem.status.in_(OPEN_STATUSES), 1),
                   (ActionItem.status == "submitted", 2), else_=3)
    total = db.session.scalar(sa.select(sa.func.count(ActionItem.id)).where(*where))
    statement = _with_relations(sa.select(ActionItem).where(*where)).order_by(
        rank, ActionItem.due_date, ActionItem.id
    ).limit(per_page).offset((page - 1) * per_page)
    items = list(db.session.scalars(statement).unique())
    return Page(items=items, page=page, per_page=per_page, total=total)


def get_item(actor, item_id):
    """The item, or NotFound when it does not exist or ``actor`` may not see it."""
    item = db.session.get(ActionItem, item_id) if isinstance(item_id, int) else None
    if item is None or item.deleted_at is not None or not can_see(actor, item):
        raise NotFound(_("That action item does not exist or is not visible to you."))
    return item


def is_overdue(item, today):
    return item.status in OPEN_STATUSES and item.due_date < today
