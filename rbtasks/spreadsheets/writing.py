"""Writing rows of sheet columns as ``.xlsx`` or ``.csv``, in constant memory.

A row is a dict {field: value} for the :data:`~rbtasks.spreadsheets.columns.COLUMNS`
(or any chosen columns); values are ``str``, ``int``, ``Decimal``, ``date``
or ``None``. The headers are the columns' labels in the reader's language,
so an exported sheet imports back (the import knows every label).

- ``.xlsx``: openpyxl's write-only workbook, which writes each row to a
  temporary file as it comes, so 100,000 rows take as little memory as 100.
  Dates are real dates (shown 31/12/2026), the budget a number shown as
  rupiah, quarter amounts and progress plain numbers; the header is bold,
  frozen and has an autofilter.
- ``.csv``: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as
  Windows-1252 and "Pello, S.H." stays whole but "é" does not), ``;``
  between fields and a decimal comma ("12,5"), dates as 31/12/2026: what
  Excel with Indonesian regional settings (list separator ``;``, decimal
  ``,``) opens into columns and numbers with a double click. LibreOffice
  and Google Sheets ask for or detect the separator. The import reads ``;``
  and ``,`` both.

Formula injection (OWASP "CSV injection"): a text cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
(:func:`neutralise`), in both formats, so no spreadsheet runs it. Numbers
and dates are written as numbers and dates, never touched.
"""
import csv
import io
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

#: What a spreadsheet may read as the start of a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISING_PREFIX = "'"

CSV_DELIMITER = ";"
CSV_BOM = "\ufeff"
CSV_ROWS_PER_CHUNK = 200

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"

DATE_FORMAT = "dd/mm/yyyy"
RUPIAH_FORMAT = '"Rp "#,##0'
MAX_CELL_TEXT = 32_767  # Excel's limit for one cell
# Fields shown as money; every other number is shown as it is.
MONEY_FIELDS = frozenset({"budget"})
# Column widths in characters, by field; the rest get DEFAULT_WIDTH.
WIDTHS = {"no": 6, "area": 28, "title": 48, "output": 32, "indicator": 32, "target": 12,
          "unit": 12, "owner": 30, "agency": 30, "budget": 18, "due_date": 12,
          "obstacles": 32, "solutions": 32, "evidence": 40, "description": 32, "status": 20,
          "progress": 10, "id": 12}
DEFAULT_WIDTH = 12


def neutralise(text):
    """``text`` made safe to put in a spreadsheet cell: a leading ``'`` when
    it starts like a formula ("=HYPERLINK(…)" → "'=HYPERLINK(…)", "+62 812…",
    "-", "@SUM(…)"); any other text, and any number or date, as it is."""
    if isinstance(text, str) and text.startswith(FORMULA_TRIGGERS):
        return NEUTRALISING_PREFIX + text
    return text


def unneutralise(text):
    """The text :func:`neutralise` was given (for the import reading an export back)."""
    if (isinstance(text, str) and text.startswith(NEUTRALISING_PREFIX)
            and text[1:].startswith(FORMULA_TRIGGERS)):
        return text[1:]
    return text


def header_texts(columns):
    """The columns' headers in the current language."""
    return [str(column.label) for column in columns]


# ---- xlsx ------------------------------------------------------------------

def write_xlsx(rows, columns, stream, sheet_title="Rencana Aksi"):
    """Write a header and ``rows`` as one worksheet to the binary ``stream``.

    Returns the number of rows written. Memory stays flat however many rows
    come: the worksheet goes to a temporary file until the workbook is saved.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(sheet_title))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = WIDTHS.get(
            column.field, DEFAULT_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.append(_header_cells(sheet, columns))
    count = 0
    cell_writers = [_cell_writer(sheet, column.field) for column in columns]
    for row in rows:
        sheet.append([write(row.get(column.field))
                      for write, column in zip(cell_writers, columns)])
        count += 1
    # The autofilter is written after the rows, so its range can cover them all.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    workbook.save(stream)
    return count


def _sheet_title(title):
    # Excel forbids []:*?/\ in sheet titles and allows at most 31 characters.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(title))
    return cleaned.strip()[:31] or "Sheet1"


def _header_cells(sheet, columns):
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    cells = []
    for text in header_texts(columns):
        cell = WriteOnlyCell(sheet, _clean_text(text))
        cell.font, cell.alignment = bold, wrap
        cells.append(cell)
    return cells


def _cell_writer(sheet, field):
    """A function turning one value of ``field`` into what the sheet gets."""
    money = field in MONEY_FIELDS

    def write(value):
        if value is None:
            return None
        if isinstance(value, str):
            return _clean_text(value)
        if isinstance(value, bool):  # a bool is an int; a sheet wants words
            return int(value)
        if isinstance(value, (date, datetime)):
            cell = WriteOnlyCell(sheet, value)
            cell.number_format = DATE_FORMAT
            return cell
        if isinstance(value, Decimal):
            value = _plain_number(value)
        if money:
            cell = WriteOnlyCell(sheet, value)
            cell.number_format = RUPIAH_FORMAT
            return cell
        return value

    return write


def _clean_text(text):
    """Text a worksheet can hold: no control characters XML forbids, within
    Excel's cell limit, and never read as a formula."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_CELL_TEXT]
    return neutralise(text)


def _plain_number(value):
    """10.00 → 10, 12.50 → 12.5: how a person writes the amount."""
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


# ---- csv -------------------------------------------------------------------

def write_csv(rows, columns, stream):
    """Write a header and ``rows`` as CSV to the binary ``stream``; returns
    the number of rows written."""
    count = 0
    for chunk, rows_in_chunk in _csv_chunks(rows, columns):
        stream.write(chunk)
        count += rows_in_chunk
    return count


def csv_chunks(rows, columns):
    """The CSV file as a sequence of UTF-8 byte strings, for a streamed response.

    Only :data:`CSV_ROWS_PER_CHUNK` rows are held at a time.
    """
    for chunk, _rows in _csv_chunks(rows, columns):
        yield chunk


def _csv_chunks(rows, columns):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    buffer.write(CSV_BOM)
    writer.writerow([_csv_text(text) for text in header_texts(columns)])
    pending = 0
    for row in rows:
        writer.writerow([_csv_value(row.get(column.field)) for column in columns])
        pending += 1
        if pending >= CSV_ROWS_PER_CHUNK:
            yield _drain(buffer), pending
            pending = 0
    yield _drain(buffer), pending


def _drain(buffer):
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return _csv_text(value)
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        value = _plain_number(value)
        if isinstance(value, Decimal):
            return format(value, "f").replace(".", ",")  # 12,5
    return str(value)


def _csv_text(text):
    # NUL cannot travel in a CSV field (and no sheet shows it).
    return neutralise(text.replace("\x00", ""))
