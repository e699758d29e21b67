"""Finding the table in a sheet's rows, whatever file they came from.

Sheets as agencies keep them have title rows and blank rows above the table, a
header that may span two rows ("TARGET" merged over "TW I | TW II | TW III |
TW IV"), a row numbering the columns (1, 2, 3, … or (1), (2), …) under it,
and cells merged down the side (Area Perubahan, Program). :func:`build_table`
turns raw rows into a :class:`~rbtasks.spreadsheets.table.Table`:

- the header is the row, among the first :data:`HEADER_SCAN_ROWS` rows that are
  not blank, naming the most known columns
  (:func:`~rbtasks.spreadsheets.columns.field_for_header`), at least
  :data:`MIN_KNOWN_HEADERS`; joined with the row above or below when the two
  rows together name more columns, or as many and the lower row only has
  cells under group headers ("TARGET" over "Volume | Satuan"). A top cell
  left empty to the right of a group header ("TARGET", "", "", "") belongs to
  that group when the group's own column has a cell below it, as a ``.csv``
  saved from merged headers writes it. Two cells are joined top first ("TARGET TW I"), or bottom first
  when only that order names a column ("TW I" over "Target" → "Target TW I");
- the first row under the header is skipped when it only numbers the columns;
  blank rows are skipped, every row keeps its number in the sheet;
- a merged cell in the data gives its value to every row it spans, in the
  merge's first column; header cells merged across give their text to every
  column they span;
- columns end at the last header cell with text.
"""
import re

from flask_babel import lazy_gettext as _l

from .columns import COLUMNS, QUARTER_FIELDS, field_for_header
from .table import SheetRow, Table, UnreadableFile

HEADER_SCAN_ROWS = 30
MAX_COLUMNS = 256  # columns read from a sheet; a header never comes near
MIN_KNOWN_HEADERS = 2
_LONGEST_HEADER = 100  # longer text is a title or data, never a header
_COLUMN_NUMBER = re.compile(r"\(?(\d{1,3})\)?\.?")


class Merges:
    """A sheet's merged ranges, each ``(min_col, min_row, max_col, max_row)``, 1-based."""

    def __init__(self, ranges=()):
        self.ranges = list(ranges)
        self._starting = {}
        for min_col, min_row, max_col, max_row in self.ranges:
            self._starting.setdefault(min_row, []).append((min_col, max_col, max_row))

    def starting_in(self, row_number):
        return self._starting.get(row_number, ())

    def covering(self, row_number):
        """The ranges over ``row_number``, for the few rows a header is looked for in."""
        return [merge for merge in self.ranges if merge[1] <= row_number <= merge[3]]


class _ExpectedHeaders:
    """The headers a sheet is expected to have, in the reader's language when shown."""

    def __str__(self):
        return ", ".join(str(column.label) for column in COLUMNS
                         if column.importable and column.field not in QUARTER_FIELDS)


def build_table(read_rows, merges, *, max_rows, sheet=None):
    """A :class:`Table` from a sheet's rows and its :class:`Merges`.

    ``read_rows(width)`` iterates over the sheet's rows from the first, as
    ``(number, values)`` with ``None`` for an empty cell, at most ``width``
    values when a width is given: rows are read once to find the header, then
    again, only as wide as the header, for the data.
    """
    scan = first_rows(read_rows(MAX_COLUMNS))
    headers, header_index = find_header(scan, merges)
    width, header_row = len(headers), scan[header_index][0]
    table = Table(headers=headers, header_row=header_row, sheet=sheet)
    filling = {}  # column index → (last row of the merge, value)
    first = True
    for number, values in read_rows(width):
        values = list(values[:width])
        if number <= header_row or _is_blank(values):
            continue
        values.extend([None] * (width - len(values)))
        if first:
            first = False
            if is_numbering(values):
                continue
        for min_col, _max_col, max_row in merges.starting_in(number):
            if min_col <= width and max_row > number and values[min_col - 1] is not None:
                filling[min_col - 1] = (max_row, values[min_col - 1])
        for index, (max_row, value) in list(filling.items()):
            if number > max_row:
                del filling[index]
            elif values[index] is None:
                values[index] = value
        if len(table.rows) == max_rows:
            raise UnreadableFile(_l(
                "The sheet has more than %(limit)s rows: split it into smaller files.",
                limit=max_rows))
        table.rows.append(SheetRow(number, tuple(values)))
    return table


def first_rows(rows):
    """The first :data:`HEADER_SCAN_ROWS` rows that are not blank, where a header is looked for."""
    scan = []
    for number, values in rows:
        if not _is_blank(values):
            scan.append((number, list(values)))
            if len(scan) == HEADER_SCAN_ROWS:
                break
    return scan


def find_header(scan, merges):
    """``(headers, index in scan of the header's last row)``, or UnreadableFile."""
    known = {}
    views = [_header_view(number, values, merges) for number, values in scan]
    scores = [_score(texts, known) for texts, _covered in views]
    if not scores or max(scores) < MIN_KNOWN_HEADERS:
        raise UnreadableFile(_l(
            "No header row found in the first %(rows)s rows: expected column headers such as "
            "%(headers)s.", rows=HEADER_SCAN_ROWS, headers=_ExpectedHeaders()))
    best = scores.index(max(scores))
    choices = [((scores[best], False), views[best][0], best)]
    for top, bottom in ((best - 1, best), (best, best + 1)):
        if (top >= 0 and bottom < len(scan) and scan[bottom][0] == scan[top][0] + 1
                and not is_numbering(scan[bottom][1])):
            texts, uppers, sub_header = _joined(views[top][0], views[bottom], known)
            named = texts + uppers if sub_header else texts
            choices.append(((_score(named, known), sub_header), texts, bottom))
    # Two rows when they name more columns, or as many and the lower one only has cells
    # under group headers ("TARGET" over "Volume | Satuan"); otherwise the one row.
    _score_and_grouping, texts, index = max(choices, key=lambda choice: choice[0])
    while texts and not texts[-1]:
        texts.pop()
    return tuple(texts), index


def header_score(scan):
    """How many known columns the best of these rows names (merges aside)."""
    known = {}
    return max((_score([header_text(value) for value in values], known)
                for _number, values in scan), default=0)


def is_numbering(values):
    """Whether a row only numbers the columns: 1, 2, 3, … or (1), (2), (3), …"""
    numbers = []
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool):
            return False
        if isinstance(value, (int, float)) and float(value).is_integer():
            numbers.append(int(value))
            continue
        match = _COLUMN_NUMBER.fullmatch(value) if isinstance(value, str) else None
        if not match:
            return False
        numbers.append(int(match.group(1)))
    return len(numbers) >= 2 and all(a < b for a, b in zip(numbers, numbers[1:]))


def header_text(value):
    """A header cell as text, its spacing and line breaks collapsed."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return " ".join(str(value).split())


def _header_view(number, values, merges):
    """The row's header texts, a merge across giving its text to every column it
    spans, and the columns covered by a merge from the row above."""
    texts = [header_text(value) for value in values]
    covered = set()
    for min_col, min_row, max_col, _max_row in merges.covering(number):
        max_col = min(max_col, MAX_COLUMNS)
        texts.extend([""] * (max_col - len(texts)))
        for column in range(min_col, max_col + 1):
            if min_row < number:
                texts[column - 1] = ""
                covered.add(column - 1)
            elif column > min_col:
                texts[column - 1] = texts[min_col - 1]
    return texts, covered


def _joined(top, bottom_view, known):
    """Two header rows joined, the top row's texts over each column, and whether the
    bottom row is a sub-header: its cells all under group headers spanning columns."""
    bottom, covered = bottom_view
    uppers, lowers = [], []
    for index in range(max(len(top), len(bottom))):
        upper = top[index] if index < len(top) else ""
        lower = bottom[index] if index < len(bottom) and index not in covered else ""
        if not upper and lower:
            upper = _group_to_the_left(top, bottom, covered, index)
        uppers.append(upper)
        lowers.append(lower)
    texts = []
    for upper, lower in zip(uppers, lowers):
        if upper and lower:
            texts.append(next((text for text in (f"{upper} {lower}", f"{lower} {upper}")
                               if _field(text, known)), f"{upper} {lower}"))
        else:
            texts.append(upper or lower)
    under_groups = [_spans(uppers, index) for index, lower in enumerate(lowers) if lower]
    return texts, uppers, bool(under_groups) and all(under_groups)


def _spans(uppers, index):
    """Whether the top text over a column spans its neighbour too (a group header)."""
    neighbours = uppers[max(index - 1, 0):index] + uppers[index + 1:index + 2]
    return bool(uppers[index]) and uppers[index] in neighbours


def _group_to_the_left(top, bottom, covered, index):
    for left in range(index - 1, -1, -1):
        if left < len(top) and top[left]:
            has_cell_below = left < len(bottom) and bottom[left] and left not in covered
            return top[left] if has_cell_below else ""
    return ""


def _score(texts, known):
    return len({_field(text, known) for text in texts} - {None})


def _field(text, known):
    if not text or len(text) > _LONGEST_HEADER:
        return None
    if text not in known:
        known[text] = field_for_header(text)
    return known[text]


def _is_blank(values):
    return all(value is None for value in values)
