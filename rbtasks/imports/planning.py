"""What importing a table would do, row by row, without writing anything.

Each row becomes a :class:`PlannedRow`: create an item, update the item an
earlier import of the same row made (only the fields that differ), skip it
(with the reason) or refuse it (with every problem, naming the column). A
row whose ID column (an export's) names a live item of this pokja updates
that item whatever its number; any other ID is ignored, saying so, and the
row is matched by its key as before. Import keys are never written for a
row matched by its ID: an export numbers rows by their place in a list, and
such a number, kept as a key, would later send another sheet's row of that
number onto the item, or take the key an earlier sheet's row holds. The
checks are the items' and the realisation's own (``clean_item_values``,
``clean_quarters``), so a plan without errors applies without surprises.

Everything a row is checked against is loaded once, before the first row:
the pokjas, agencies and active users (``LoadedReferences``), the pokja's
import keys, the items they or the ID column lead to, and those items'
quarters. Planning then sends no query per row, however long the sheet.

Quarterly columns fill the item's quarters; kendala and solusi go to the
latest quarter the row gives a target or realisation for (the quarter being
reported on), or the quarter of the due date when it gives none. Other
quarters keep the obstacles they had. With quarterly columns and no
progress, the item's progress follows its realisation.
"""
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.errors import Conflict, ValidationError
from rbtasks.extensions import db
from rbtasks.imports.matching import Directory
from rbtasks.imports.models import ImportKey
from rbtasks.imports.rows import column_indexes, heading_or_empty, item_id, read_row, row_key
from rbtasks.items.fields import clean_item_values
from rbtasks.items.models import ActionItem
from rbtasks.items.references import LoadedReferences
from rbtasks.realisation.services import (
    IN_CHUNK,
    QUARTERS,
    check_may_edit_quarters,
    clean_quarters,
    quarter_rows_by_item,
)
from rbtasks.spreadsheets.columns import BY_FIELD
from rbtasks.spreadsheets.values import CellError

CREATE, UPDATE, SKIP, ERROR = "create", "update", "skip", "error"
QUARTER_FIELDS = {"tw1_target", "tw2_target", "tw3_target", "tw4_target", "tw1_realisation",
                  "tw2_realisation", "tw3_realisation", "tw4_realisation", "obstacles",
                  "solutions"}
# The items' validation names references by id; the sheet names the column.
_ITEM_FIELD_COLUMN = {"agency_id": "agency", "owner_id": "owner", "pokja_id": None}


@dataclass
class PlannedRow:
    number: int
    action: str
    title: str = ""
    key: str | None = None
    reason: str = ""
    item: ActionItem | None = None
    values: dict = field(default_factory=dict)  # item fields to create with / change
    quarters: list | None = None  # for set_quarters, when the quarters change
    follow: bool = False  # progress follows the realisation
    changes: list = field(default_factory=list)  # names of what changes, for the preview
    errors: list = field(default_factory=list)  # (column header, message)


class Planner:
    """Plans the rows of one table for one pokja, as ``actor``."""

    def __init__(self, actor, pokja, headers, mapping, year, rows=()):
        self.actor, self.pokja, self.year = actor, pokja, year
        self.mapping = mapping
        self.indexes = column_indexes(headers, mapping)
        self.header_of = {name: headers[index] for name, index in self.indexes.items()}
        self.references = LoadedReferences.load()
        self.directory = Directory(self.references)
        imported = sa.select(ImportKey.item_id).where(ImportKey.pokja_id == pokja.id)
        self.keys = dict(db.session.execute(
            sa.select(ImportKey.key, ImportKey.item_id).where(ImportKey.pokja_id == pokja.id)
        ).all())
        self.items = {item.id: item for item in db.session.scalars(
            sa.select(ActionItem).where(ActionItem.id.in_(imported)))}
        self.quarters = quarter_rows_by_item(imported)  # item id → its quarter rows
        self._load_named_items(rows)
        self.seen = {}  # key → the row number that used it first
        self.claimed = {}  # item id → the row number that changes it first

    def _load_named_items(self, rows):
        """Add the items of this pokja that the sheet's ID column names, and their
        quarters, to those the keys led to: a query or two per IN_CHUNK ids."""
        index = self.indexes.get("id")
        if index is None:
            return
        named = set()
        for sheet_row in rows:
            try:
                named.add(item_id(sheet_row.cells[index] if index < len(sheet_row.cells)
                                  else None))
            except CellError:  # reported when the row is planned
                pass
        wanted = sorted(named - set(self.items) - {None})
        for start in range(0, len(wanted), IN_CHUNK):
            self.items.update((item.id, item) for item in db.session.scalars(
                sa.select(ActionItem).where(ActionItem.pokja_id == self.pokja.id,
                                            ActionItem.id.in_(wanted[start:start + IN_CHUNK]))))
        self.quarters.update(quarter_rows_by_item(
            [named_id for named_id in wanted if named_id in self.items]))

    def column(self, name):
        """The header of the column holding ``name``, or the field's own label."""
        name = _ITEM_FIELD_COLUMN.get(name, name)
        if name is None:
            return ""
        if name in self.header_of:
            return self.header_of[name]
        return str(BY_FIELD[name].label) if name in BY_FIELD else name

    def plan(self, sheet_row):
        row = read_row(sheet_row, self.indexes, self.directory, self.year)
        if heading_or_empty(row):
            return PlannedRow(row.number, SKIP, row.title, reason=_(
                "No data besides the number and the action: read as a heading."))
        planned = PlannedRow(row.number, ERROR, row.title)
        errors = {name: message for name, message in row.errors.items()}
        if not row.title:
            errors.setdefault("title", _("Every row needs an action (the title column)."))
        item, ignored = self._named(row.item_id)
        key_column = "id"
        if item is None:
            key_column = "no" if row.no else "title"
            item = self._keyed(row, planned, key_column, errors)
            if item is not None and (item.deleted_at is not None
                                     or item.pokja_id != self.pokja.id):
                planned.action, planned.item = SKIP, item
                planned.reason = _joined(ignored, _(
                    "The item made from this row was deleted; it is not made again.")
                    if item.deleted_at is not None else
                    _("The item made from this row moved to another pokja."))
                return planned
        if item is not None:
            first = self.claimed.setdefault(item.id, row.number)
            if first != row.number:
                errors.setdefault(key_column, _(
                    "Row %(row)d already imports onto the same item; each item can be in the "
                    "sheet once.", row=first))
        planned.item = item
        if not errors:
            self._check(row, planned, errors)
        planned.errors = [(self.column(name), message) for name, message in errors.items()]
        planned.reason = ignored
        if planned.errors:
            planned.action = ERROR
        elif item is None:
            planned.action = CREATE
        else:
            planned.action = UPDATE if planned.changes else SKIP
            if not planned.changes:
                planned.reason = _joined(ignored, _("Nothing changed since the last import.")
                                         if key_column != "id" else
                                         _("The item already says what this row says."))
        return planned

    def _named(self, named_id):
        """(the live item of this pokja the row's ID names, or None; why an ID was ignored)."""
        if named_id is None:
            return None, ""
        item = self.items.get(named_id)
        if item is not None and item.pokja_id == self.pokja.id:
            if item.deleted_at is None:
                return item, ""
            return None, _("ID %(id)d is a deleted item; the row is matched by its number or "
                           "action instead.", id=named_id)
        return None, _("ID %(id)d is not an item of this pokja; the row is matched by its "
                       "number or action instead.", id=named_id)

    def _keyed(self, row, planned, key_column, errors):
        """The item an earlier import made from the row's key (its No or title), if any."""
        planned.key = row_key(row)
        if planned.key is None:
            return None
        first = self.seen.setdefault(planned.key, row.number)
        if first != row.number:
            errors.setdefault(key_column, _(
                "Row %(row)d already has this number or action; each row needs its own.",
                row=first))
        return self.items.get(self.keys.get(planned.key))

    def _check(self, row, planned, errors):
        item = planned.item
        values = dict(row.item)
        progress = values.pop("progress", None)
        mapped_quarters = QUARTER_FIELDS & set(self.indexes)
        if progress is not None:
            follow = False
        elif any(kind == "target" and amount is not None
                 for (_q, kind), amount in row.amounts.items()):
            follow = True
        else:
            follow = bool(item.progress_from_quarters) if item is not None else False
        try:
            if item is None:
                cleaned = clean_item_values({**values, "pokja_id": self.pokja.id},
                                            references=self.references)
            else:
                cleaned = clean_item_values(values, current=item, references=self.references)
        except ValidationError as error:
            errors.update(error.fields)
            return
        if item is None:
            planned.values = {**cleaned, **({"progress": progress} if progress is not None
                                            else {})}
            planned.changes = sorted(planned.values)
        else:
            if progress is not None:
                cleaned["progress"] = progress
            planned.values = {name: value for name, value in cleaned.items()
                              if getattr(item, name) != value}
            planned.changes = sorted(planned.values)
        current = _current_quarters(self.current_quarters(item))
        wanted = self._wanted_quarters(row, current, cleaned.get("due_date") or
                                       (item.due_date if item else None)) \
            if mapped_quarters else current
        try:
            clean_quarters(wanted)
        except ValidationError as error:
            for name, message in error.fields.items():
                errors[self._quarter_column(wanted, name)] = message
            return
        follow_changes = follow != (bool(item.progress_from_quarters) if item else False)
        if _quarter_values(wanted) != _quarter_values(current) or follow_changes:
            if item is not None:
                try:
                    check_may_edit_quarters(self.actor, item)
                except Conflict as error:
                    first = (min(mapped_quarters, key=self.indexes.get) if mapped_quarters
                             else "progress")
                    errors[first] = error.message
                    return
            if item is not None or _quarter_values(wanted) or follow:
                planned.quarters, planned.follow = wanted, follow
                planned.changes.append("quarters")

    def current_quarters(self, item):
        """The item's quarter rows, as loaded before the first row (none for a new item)."""
        empty = [None] * len(QUARTERS)
        return self.quarters.get(item.id, empty) if item is not None else empty

    def _wanted_quarters(self, row, current, due_date):
        wanted = {q["quarter"]: dict(q) for q in current}
        for (quarter, kind), amount in row.amounts.items():
            wanted[quarter][kind] = amount
        with_amounts = [quarter for (quarter, _kind), amount in row.amounts.items()
                        if amount is not None]
        if with_amounts:
            notes_quarter = max(with_amounts)
        elif due_date is not None:
            notes_quarter = (due_date.month - 1) // 3 + 1
        else:
            notes_quarter = 4
        if "obstacles" in row.notes:
            wanted[notes_quarter]["obstacles"] = row.notes["obstacles"]
        if "solutions" in row.notes:
            wanted[notes_quarter]["follow_up"] = row.notes["solutions"]
        return [wanted[quarter] for quarter in (1, 2, 3, 4)]

    def _quarter_column(self, wanted, name):
        """ "quarters.2.target" → "tw3_target"; obstacles and follow-up → their columns."""
        parts = name.split(".")
        if len(parts) == 3 and parts[1].isdigit():
            quarter = wanted[int(parts[1])]["quarter"]
            kind = parts[2]
            if kind in ("target", "realisation"):
                return f"tw{quarter}_{kind}"
            return "obstacles" if kind == "obstacles" else "solutions"
        return "tw1_target"


def _joined(*reasons):
    return " ".join(str(reason) for reason in reasons if reason)


def _current_quarters(rows):
    return [{"quarter": quarter,
             "target": row.target if row else None,
             "realisation": row.realisation if row else None,
             "obstacles": (row.obstacles or "") if row else "",
             "follow_up": (row.follow_up or "") if row else ""}
            for quarter, row in zip((1, 2, 3, 4), rows)]


def _quarter_values(quarters):
    """Comparable values: amounts as Decimals, empty quarters left out."""
    result = {}
    for quarter in quarters:
        amounts = tuple(None if quarter[k] is None else Decimal(str(quarter[k]))
                        for k in ("target", "realisation"))
        notes = (quarter["obstacles"] or "", quarter["follow_up"] or "")
        if any(a is not None for a in amounts) or any(notes):
            result[quarter["quarter"]] = (amounts, notes)
    return result
