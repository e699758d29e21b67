"""A sheet as read: its header and its rows, whatever file it came from.

:func:`rbtasks.spreadsheets.reading.read_table` makes a :class:`Table` from an
``.xlsx`` or ``.csv`` upload; the import works on tables only, so it never
cares which kind of file arrived.
"""
from dataclasses import dataclass, field


class UnreadableFile(Exception):
    """The file cannot be read as a sheet (damaged, too big, not a spreadsheet).

    ``message`` is for the user, in their language.
    """

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class SheetRow:
    """One row under the header.

    ``number`` is the row's number as the spreadsheet shows it (1-based), so
    that every error can name it. ``cells`` holds one value per header
    column: ``str``, ``int``, ``float``, ``Decimal``, ``date``, ``datetime``
    or ``None`` for an empty cell; a value merged down from above is repeated
    in every row the merge spans.
    """

    number: int
    cells: tuple


@dataclass(frozen=True)
class Table:
    """The table found in a sheet.

    ``headers`` has one text per column, as the sheet writes it; a header over
    two rows is joined ("TARGET" over "TW I" → "TARGET TW I"). ``header_row``
    is the number of the header's (last) row.
    """

    headers: tuple
    rows: list = field(default_factory=list)
    header_row: int = 1
    sheet: str | None = None
