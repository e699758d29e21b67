"""Reading an uploaded sheet (``.xlsx``, ``.xlsm`` or ``.csv``) into a Table.

:func:`read_table` is the import's only door to files: it refuses what cannot
be read safely with :class:`~rbtasks.spreadsheets.table.UnreadableFile`, whose
message names the limit or the problem, and finds the table in the rest
(:mod:`rbtasks.spreadsheets.layout`).

Workbooks are read by openpyxl with ``data_only``: a formula gives the value
the spreadsheet saved with it (``None`` when the program that wrote the file
saved none). Macros in ``.xlsm`` are never run: openpyxl only reads values.
Old binary ``.xls`` workbooks (and password-protected ones, which are stored
the same way) are refused with a message saying how to save them.

Memory is bounded at each step: the upload is read up to ``max_bytes``; a
workbook's zip directory is checked before anything is unpacked (members,
unpacked total, packing ratio), which is what stops a compressed bomb; the
sheet is streamed in openpyxl's read-only mode, at most
:data:`~rbtasks.spreadsheets.layout.MAX_COLUMNS` columns wide, and stops one
row past ``max_rows``. Read-only mode skips merged cells, so the merged ranges
are collected by a second pass over the sheet's XML, in chunks, and at most
:data:`MAX_MERGES` of them are kept.

Values come as Python values: text stripped (``None`` when empty), whole
numbers as ``int`` (also when saved as ``15000000.0``), other numbers as
``float``, a percentage-formatted number as the percentage shown
(``0.125`` formatted ``0.0%`` → ``Decimal("12.5")``), a date-formatted cell as
``date`` (``datetime`` when it has a time of day), ``True``/``False`` as
``bool``. CSV cells are text: reading "Rp 15.000.000" or "31/12/2026" is the
import's work, for both kinds of file.
"""
import codecs
import csv
import io
import logging
import re
import zipfile
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import PurePath

import openpyxl
from flask_babel import lazy_gettext as _l
from openpyxl.utils.cell import range_boundaries

from .layout import (
    MAX_COLUMNS,
    MIN_KNOWN_HEADERS,
    Merges,
    build_table,
    first_rows,
    header_score,
)
from .table import UnreadableFile

_log = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_BYTES = 10 * MB
MAX_ROWS = 10_000
MAX_UNPACKED_BYTES = 100 * MB  # a 10,000-row sheet unpacks to about 10 MB
MAX_PACKING_RATIO = 100  # sheets pack 5–20 times; a bomb, a thousand
_RATIO_CHECKED_FROM = 10 * MB  # small files may pack as tightly as they like
MAX_MEMBERS = 1_000
MAX_MERGES = 100_000
SUFFIXES = (".xlsx", ".xlsm", ".csv")
CSV_DELIMITERS = (";", ",", "\t")

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and encrypted workbooks
_ZIP_MAGIC = b"PK\x03\x04"
_MERGE_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([A-Z$0-9:]+)[\"']")
_LITERALS_IN_FORMAT = re.compile(r'"[^"]*"|\\.')  # 0.0"%" shows a "%" without scaling

DAMAGED = _l("The file is damaged or is not an Excel workbook (.xlsx).")


def read_table(stream, filename, *, sheet=None, max_rows=MAX_ROWS, max_bytes=MAX_BYTES,
               max_unpacked_bytes=MAX_UNPACKED_BYTES):
    """The table in an uploaded ``.xlsx``, ``.xlsm`` or ``.csv`` file.

    ``stream`` is the upload (a binary file, read from its start, or bytes);
    ``filename`` its name, whose suffix says the kind of file. ``sheet`` names
    the worksheet to read; without it, the first worksheet with a recognisable
    header (an instructions sheet in front does not get in the way). A CSV has
    no sheets and ignores it. Raises :class:`UnreadableFile`.
    """
    data = _read_upload(stream, max_bytes)
    if _kind(data, filename) == "csv":
        return _read_csv(data, max_rows)
    with _open_workbook(data, max_unpacked_bytes) as (archive, workbook):
        worksheet = _choose_sheet(workbook, sheet)
        merges = _merged_ranges(archive, worksheet)
        return build_table(lambda width: _sheet_rows(worksheet, width), merges,
                           max_rows=max_rows, sheet=worksheet.title)


def sheet_names(stream, filename, *, max_bytes=MAX_BYTES, max_unpacked_bytes=MAX_UNPACKED_BYTES):
    """The worksheets' names in workbook order; ``[]`` for a CSV. Raises :class:`UnreadableFile`."""
    data = _read_upload(stream, max_bytes)
    if _kind(data, filename) == "csv":
        return []
    with _open_workbook(data, max_unpacked_bytes) as (_archive, workbook):
        return [worksheet.title for worksheet in workbook.worksheets]


def read_workbook_rows(stream, filename, *, width, max_rows, max_bytes=MAX_BYTES,
                       max_unpacked_bytes=MAX_UNPACKED_BYTES):
    """Every worksheet of an ``.xlsx`` as ``(title, [(number, values), …])``, in workbook
    order, ``width`` values a row, at most ``max_rows`` rows a sheet; with the same
    limits on size and packing as :func:`read_table`. Raises :class:`UnreadableFile`."""
    data = _read_upload(stream, max_bytes)
    if _kind(data, filename) != "xlsx":
        raise UnreadableFile(_l("Only .xlsx workbooks can be read here."))
    sheets = []
    with _open_workbook(data, max_unpacked_bytes) as (_archive, workbook):
        for worksheet in workbook.worksheets:
            rows = []
            for number, values in _sheet_rows(worksheet, width):
                if number > max_rows:
                    raise UnreadableFile(_l("The sheet has more than %(limit)s rows.",
                                            limit=max_rows))
                rows.append((number, values))
            sheets.append((worksheet.title, rows))
    return sheets


def _read_upload(stream, max_bytes):
    if isinstance(stream, (bytes, bytearray, memoryview)):
        data = bytes(stream)
    else:
        if getattr(stream, "seekable", lambda: False)():
            stream.seek(0)
        chunks, size = [], 0
        while size <= max_bytes:
            chunk = stream.read(min(MB, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    if len(data) > max_bytes:
        raise UnreadableFile(_l("The file is larger than the limit of %(limit)s.",
                                limit=_size(max_bytes)))
    if not data:
        raise UnreadableFile(_l("The file is empty."))
    return data


def _kind(data, filename):
    suffix = PurePath(filename or "").suffix.lower()
    if data.startswith(_OLE2_MAGIC) or (suffix == ".xls" and not data.startswith(_ZIP_MAGIC)):
        raise UnreadableFile(_l(
            "Old Excel 97–2003 workbooks (.xls) and password-protected workbooks cannot be "
            "read: save the file as an Excel Workbook (.xlsx) without a password."))
    if suffix not in SUFFIXES + (".xls",):
        raise UnreadableFile(_l("Only .xlsx, .xlsm and .csv files can be imported."))
    return "csv" if suffix == ".csv" and not data.startswith(_ZIP_MAGIC) else "xlsx"


# --- Workbooks ---------------------------------------------------------------------------------

@contextmanager
def _open_workbook(data, max_unpacked_bytes):
    """The zip checked, then the workbook opened read-only; anything failing inside,
    while opening or while reading, is a damaged file."""
    archive = workbook = None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_archive(archive.infolist(), max_unpacked_bytes)
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True,
                                          keep_links=False)
        yield archive, workbook
    except UnreadableFile:
        raise
    except Exception as error:
        _log.info("unreadable workbook: %r", error)
        raise UnreadableFile(DAMAGED) from error
    finally:
        for opened in (workbook, archive):
            if opened is not None:
                opened.close()


def _check_archive(members, max_unpacked_bytes):
    if len(members) > MAX_MEMBERS:
        raise UnreadableFile(_l(
            "The workbook has %(count)s parts, more than the limit of %(limit)s.",
            count=len(members), limit=MAX_MEMBERS))
    unpacked = sum(member.file_size for member in members)
    packed = max(1, sum(member.compress_size for member in members))
    if unpacked > max_unpacked_bytes:
        raise UnreadableFile(_l(
            "The workbook would unpack to %(size)s, more than the limit of %(limit)s: it is "
            "refused as a possible compressed bomb.",
            size=_size(unpacked), limit=_size(max_unpacked_bytes)))
    if unpacked > _RATIO_CHECKED_FROM and unpacked > MAX_PACKING_RATIO * packed:
        raise UnreadableFile(_l(
            "The workbook would unpack to %(ratio)s times its size, more than the limit of "
            "%(limit)s times: it is refused as a possible compressed bomb.",
            ratio=unpacked // packed, limit=MAX_PACKING_RATIO))


def _choose_sheet(workbook, name):
    worksheets = workbook.worksheets
    if not worksheets:
        raise UnreadableFile(DAMAGED)
    if name:
        wanted = name.strip().casefold()
        exact = [sheet for sheet in worksheets if sheet.title == name]
        alike = [sheet for sheet in worksheets if sheet.title.strip().casefold() == wanted]
        if exact or len(alike) == 1:
            return (exact or alike)[0]
        raise UnreadableFile(_l(
            "There is no sheet named “%(name)s”; the workbook has: %(names)s.", name=name,
            names=", ".join(f"“{sheet.title}”" for sheet in worksheets)))
    if len(worksheets) == 1:
        return worksheets[0]
    for worksheet in worksheets:
        if header_score(first_rows(_sheet_rows(worksheet, MAX_COLUMNS))) >= MIN_KNOWN_HEADERS:
            return worksheet
    return worksheets[0]  # no header anywhere: its message comes from reading the first


def _sheet_rows(worksheet, width):
    """``(number, values)`` for every row, ``width`` values each."""
    worksheet.reset_dimensions()  # the saved dimensions may be wrong: read what is there
    for number, cells in enumerate(worksheet.iter_rows(max_col=width), start=1):
        yield number, [_cell_value(cell) for cell in cells]


def _cell_value(cell):
    value = cell.value
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) and value.tzinfo is None else value
    if isinstance(value, (int, float)):
        if "%" in _LITERALS_IN_FORMAT.sub("", cell.number_format or ""):
            shown = Decimal(repr(value)) * 100
            return int(shown) if shown == shown.to_integral_value() else shown.normalize()
        return int(value) if isinstance(value, float) and value.is_integer() else value
    if isinstance(value, (time, timedelta)):
        return str(value)
    return value


def _merged_ranges(archive, worksheet):
    """The sheet's merged ranges, from its ``<mergeCell ref="A6:A8"/>`` elements.

    Read-only mode skips them, so the sheet's XML is scanned for them in chunks
    (a tag cannot appear inside cell text, where "<" is always escaped).
    """
    ranges = []
    tail = b""
    with archive.open(worksheet._worksheet_path) as source:
        while chunk := source.read(MB):
            buffer, end = tail + chunk, 0
            for match in _MERGE_CELL.finditer(buffer):
                if len(ranges) == MAX_MERGES:
                    raise UnreadableFile(_l(
                        "The sheet has more than %(limit)s merged cells.", limit=MAX_MERGES))
                bounds = range_boundaries(match.group(1).decode("ascii"))
                if None not in bounds:
                    ranges.append(bounds)
                end = match.end()
            tail = buffer[max(end, len(buffer) - 256):]  # a tag cut in two ends the next chunk
    return Merges(ranges)


# --- CSV ---------------------------------------------------------------------------------------

def _read_csv(data, max_rows):
    text = _decode(data)
    delimiter = max(CSV_DELIMITERS, key=lambda candidate: _delimiter_fit(text, candidate))
    return build_table(lambda _width: _csv_rows(text, delimiter), Merges(), max_rows=max_rows)


def _decode(data):
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Excel's "Unicode text"
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1252")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(_l(
        "The CSV file is neither UTF-8 nor Windows-1252 text: save it as “CSV UTF-8”."))


def _delimiter_fit(text, delimiter):
    """How well a delimiter splits the first rows: known headers named, then columns."""
    scan = first_rows(_csv_rows(text, delimiter))
    return header_score(scan), max((len(values) for _number, values in scan), default=0)


def _csv_rows(text, delimiter):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise UnreadableFile(_l("The CSV file cannot be read at line %(line)s.",
                                    line=reader.line_num)) from error
        number += 1
        yield number, [cell.strip() or None for cell in record[:MAX_COLUMNS]]


def _size(size):
    """A size as a limit reads: "10 MB", "2.5 MB", "4 KB"."""
    if size < MB:
        return f"{-(-size // 1024)} KB"
    return f"{size / MB:.1f}".removesuffix(".0") + " MB"
