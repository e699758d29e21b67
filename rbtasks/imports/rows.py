"""One sheet row read into an item's values, with every cell's problem.

The mapping says which column fills which field; each cell is parsed
(rbtasks/spreadsheets/values.py) and checked for what no field may hold. An
empty cell in a mapped column empties the field (the sheet is the record),
except progress, which an empty cell leaves as it is. Agencies and owners are
matched in rbtasks/imports/matching.py. Ranges, lengths and references are
checked later by the items' own validation, so they read the same everywhere.
"""
import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import gettext as _

from rbtasks.inputs.text import control_character_message, has_control_character
from rbtasks.spreadsheets.values import (
    CellError,
    is_empty,
    parse_date,
    parse_decimal,
    parse_money,
    parse_progress,
    parse_text,
)

ONE_LINE = ("title", "output", "indicator", "target", "unit")
MULTI_LINE = ("description", "obstacles", "solutions")
# A cell wrapped with Alt+Enter, or holding Unicode's line and paragraph
# separators: one space in a one-line field, a line break in free text.
_LINE_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029]+")
_UNICODE_BREAKS = re.compile(r"[\u0085\u2028\u2029]")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,10}")
MAX_ITEM_ID = 2**31 - 1  # the largest id an integer key column holds everywhere
QUARTER_AMOUNTS = {f"tw{q}_{kind}": (q, kind) for q in (1, 2, 3, 4)
                   for kind in ("target", "realisation")}


@dataclass
class ReadRow:
    """What one row says, before it is compared with the database."""

    number: int
    no: str = ""
    title: str = ""
    item: dict = field(default_factory=dict)  # item field → value (agency_id, owner_id …)
    amounts: dict = field(default_factory=dict)  # (quarter, "target"/"realisation") → Decimal
    notes: dict = field(default_factory=dict)  # "obstacles"/"solutions" → text
    errors: dict = field(default_factory=dict)  # field → message
    filled: set = field(default_factory=set)  # fields with a value in the row
    item_id: int | None = None  # the item an export wrote the row from


def column_indexes(headers, mapping):
    """field → the index of its column (the first column with that header)."""
    indexes = {}
    for index, header in enumerate(headers):
        field_name = mapping.get(header)
        if field_name and header not in {headers[i] for i in indexes.values()}:
            indexes[field_name] = index
    return indexes


def read_row(sheet_row, indexes, directory, year):
    """A ReadRow from a SheetRow: every mapped cell parsed, matched and checked."""
    row = ReadRow(sheet_row.number)
    cells = sheet_row.cells

    def cell(name):
        index = indexes.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    for name in indexes:
        value = cell(name)
        if not is_empty(value):
            row.filled.add(name)
        try:
            _read_cell(row, name, value, year)
        except CellError as error:
            row.errors[name] = error.message

    if "agency" in indexes:
        row.item["agency_id"] = _match(row, "agency", cell("agency"),
                                       lambda text: directory.agency(text))
    if "owner" in indexes:
        agency_id = row.item.get("agency_id")
        row.item["owner_id"] = _match(row, "owner", cell("owner"),
                                      lambda text: directory.owner(text, agency_id))
    return row


def _read_cell(row, name, value, year):
    if name in ("agency", "owner"):
        if not is_empty(value):
            _checked_text(parse_text(value), one_line=True)
        return
    if name == "no":
        row.no = _checked_text(parse_text(value), one_line=True).strip().rstrip(".")
    elif name == "id":
        row.item_id = item_id(value)
    elif name in ONE_LINE:
        text = _checked_text(parse_text(value), one_line=True)
        row.item[name] = text
        if name == "title":
            row.title = text.strip()
    elif name in MULTI_LINE:
        text = _checked_text(parse_text(value), one_line=False)
        if name == "description":
            row.item[name] = text
        else:
            row.notes[name] = text.strip()
    elif name == "due_date":
        row.item[name] = None if is_empty(value) else parse_date(value, year)
    elif name == "budget":
        row.item[name] = None if is_empty(value) else parse_money(value)
    elif name == "progress":
        if not is_empty(value):
            row.item[name] = parse_progress(value)
    elif name in QUARTER_AMOUNTS:
        row.amounts[QUARTER_AMOUNTS[name]] = None if is_empty(value) else parse_decimal(value)


def item_id(value):
    """The item id in an export's ID column (None when empty); raises CellError
    for anything but a whole number an id column can hold."""
    if is_empty(value):
        return None
    text = parse_text(value).strip()
    if _WHOLE_NUMBER.fullmatch(text) and 1 <= int(text) <= MAX_ITEM_ID:
        return int(text)
    raise CellError(_("“%(text)s” is not an rbtasks item ID; leave the cell empty for a new "
                      "item.", text=text))


def _checked_text(text, one_line):
    text = unicodedata.normalize("NFC", text)
    if has_control_character(text) or "\x7f" in text:
        raise CellError(control_character_message())
    if one_line:
        return re.sub(r"\s+", " ", _LINE_BREAKS.sub(" ", text)).strip()
    return _UNICODE_BREAKS.sub("\n", text).strip()


def _match(row, name, value, find):
    if is_empty(value) or name in row.errors:
        return None
    try:
        return find(_checked_text(parse_text(value), one_line=True))
    except CellError as error:
        row.errors[name] = error.message
        return None


def row_key(row):
    """The row's stable key in its pokja: its No, or else its normalised title."""
    if row.no:
        return "no:" + row.no.casefold()
    if row.title:
        return "title:" + unicodedata.normalize("NFKC", row.title).casefold()
    return None


def heading_or_empty(row):
    """A row with nothing but a No or an action is a heading between groups, not an item."""
    return not (row.filled - {"no", "title"})


def no_title_message():
    return _("Every row needs an action (the title column).")
