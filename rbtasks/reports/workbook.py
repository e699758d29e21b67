"""The quarterly monev report as an ``.xlsx`` workbook, ready to print on A4.

openpyxl's normal (not write-only) mode is used: merged cells, print titles
and an autofilter need it, and a report is bounded by the size of one year's
plan (hundreds of rows, not the export's hundred thousand).

Layout: the title, scope and printing date over the table; one header row,
frozen and repeated on every printed page; the area cells merged down over
their items; an autofilter over the table; the totals block under it. A4
landscape, fitted to the page width, as many pages tall as it takes.
"""
import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from rbtasks.i18n import local_datetime, long_date
from rbtasks.realisation.services import NUMERALS, QUARTERS
from rbtasks.spreadsheets.writing import neutralise

MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 5
FIRST_DATA_ROW = HEADER_ROW + 1
AMOUNT_FORMAT = "#,##0.##"
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")


def columns():
    """(key, header, width) of every column, in order; the printable page shows
    the same headers, its print CSS sizes the columns by key."""
    return [
        ("no", _("No."), 5), ("area", _("Area of change"), 18), ("title", _("Action"), 34),
        ("output", _("Output"), 22), ("indicator", _("Indicator"), 22),
        ("target", _("Target"), 10), ("unit", _("Unit"), 10),
        *[("amount", _("Target TW %(numeral)s", numeral=NUMERALS[q]), 9) for q in QUARTERS],
        *[("amount", _("Realisation TW %(numeral)s", numeral=NUMERALS[q]), 11)
          for q in QUARTERS],
        ("achieved", _("Achievement (%)"), 10), ("obstacles", _("Obstacles"), 26),
        ("follow-up", _("Solution / follow-up"), 26), ("owner", _("Person in charge"), 20),
        ("agency", _("Agency"), 22), ("status", _("Status"), 14),
        ("evidence", _("Evidence (data dukung)"), 30),
    ]


def _row_values(row):
    achieved = None if row.achievement is None else row.achievement / 100
    return [row.number, row.area, row.title, row.output, row.indicator, row.target, row.unit,
            *row.quarter_targets, *row.quarter_realisations, achieved, row.obstacles,
            row.follow_up, row.owner, row.agency, row.status_label, row.evidence_url]


def quarterly_workbook(report):
    """The report as ``.xlsx`` bytes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"TW {report.numeral} {report.year}"
    headers = columns()
    last = get_column_letter(len(headers))
    _header_block(sheet, report, last)
    for index, (_key, label, width) in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, index, label)
        cell.font, cell.fill, cell.border = Font(bold=True), _HEADER_FILL, _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = width
    achieved_column = 8 + 2 * len(QUARTERS)
    for offset, row in enumerate(report.rows):
        number = FIRST_DATA_ROW + offset
        for index, value in enumerate(_row_values(row), start=1):
            cell = sheet.cell(number, index, neutralise(value))
            cell.alignment, cell.border = _WRAP_TOP, _BORDER
            if 8 <= index < achieved_column:
                cell.number_format = AMOUNT_FORMAT
        sheet.cell(number, achieved_column).number_format = "0%"
        link = sheet.cell(number, len(headers))
        link.hyperlink, link.style = row.evidence_url, "Hyperlink"
        link.alignment, link.border = _WRAP_TOP, _BORDER
    for start, count in report.area_runs():
        if count > 1:
            sheet.merge_cells(start_row=FIRST_DATA_ROW + start, start_column=2,
                              end_row=FIRST_DATA_ROW + start + count - 1, end_column=2)
    last_row = FIRST_DATA_ROW + max(len(report.rows), 1) - 1
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{last_row}"
    _totals_block(sheet, report, last_row + 2)
    _print_setup(sheet, last)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header_block(sheet, report, last):
    sheet["A1"] = neutralise(report.title)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = neutralise(_("Scope: %(scope)s", scope=report.scope_label))
    sheet["A3"] = _("Printed %(moment)s · items due in %(year)d · rates as of %(date)s",
                    moment=local_datetime(report.printed_at), year=report.year,
                    date=long_date(report.cutoff))
    for number in (1, 2, 3):
        sheet.merge_cells(f"A{number}:{last}{number}")
        sheet[f"A{number}"].alignment = Alignment(horizontal="left", vertical="center")
    sheet.row_dimensions[1].height = 22


def totals_lines(report):
    """(label, value, number format) of the totals, shared with the page."""
    totals = report.totals
    return [
        (_("Number of action items"), totals.items, "0"),
        (_("Completed (verified)"), totals.completed, "0"),
        (_("Cancelled"), totals.cancelled, "0"),
        (_("Due by %(date)s", date=long_date(report.cutoff)), totals.rates.due, "0"),
        (_("Completed by their due date"), totals.rates.on_time, "0"),
        (_("Action plan implementation rate"), totals.implementation_rate, "0.0%"),
        (_("Completion rate"), totals.completion_rate, "0.0%"),
    ]


def _totals_block(sheet, report, first_row):
    sheet.cell(first_row, 2, _("Totals")).font = Font(bold=True)
    for offset, (label, value, number_format) in enumerate(totals_lines(report), start=1):
        sheet.merge_cells(start_row=first_row + offset, start_column=2,
                          end_row=first_row + offset, end_column=5)
        sheet.cell(first_row + offset, 2, label).border = _BORDER
        cell = sheet.cell(first_row + offset, 6, "—" if value is None else value)
        cell.number_format, cell.border, cell.font = number_format, _BORDER, Font(bold=True)


def _print_setup(sheet, last):
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
