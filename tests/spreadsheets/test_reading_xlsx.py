"""Reading the workbooks agencies keep their rencana aksi in (rbtasks/spreadsheets/reading.py)."""
import io
import re
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest

from rbtasks.spreadsheets.columns import field_for_header
from rbtasks.spreadsheets.reading import read_table, sheet_names
from rbtasks.spreadsheets.table import UnreadableFile

from .sheets import (
    MONEV_FIELDS,
    PELLO,
    monev_workbook,
    rewrite_member,
    simple_workbook,
    with_saved_formula_values,
    xlsx_bytes,
)


def _cells(table, *numbers):
    by_number = {row.number: row for row in table.rows}
    return [dict(zip(table.headers, by_number[number].cells)) for number in numbers]


def test_the_monev_sheet_is_found_under_its_title_with_its_two_row_header():
    table = read_table(io.BytesIO(xlsx_bytes(monev_workbook())), "rencana-aksi-2026.xlsx")

    assert table.sheet == "Rencana Aksi 2026"
    assert table.header_row == 4
    assert table.headers[5:11] == ("SATUAN", "TARGET TW I", "TARGET TW II", "TARGET TW III",
                                   "TARGET TW IV", "REALISASI TW I")
    assert [field_for_header(header) for header in table.headers] == MONEV_FIELDS


def test_the_numbering_row_and_blank_rows_are_skipped_and_rows_keep_their_numbers():
    table = read_table(xlsx_bytes(monev_workbook()), "rencana-aksi-2026.xlsx")

    assert [row.number for row in table.rows] == [6, 7, 8, 10]
    assert [row.cells[0] for row in table.rows] == [1, 2, 3, 4]
    assert all(len(row.cells) == len(table.headers) == 20 for row in table.rows)


def test_an_area_merged_down_the_side_belongs_to_every_row_it_spans():
    table = read_table(xlsx_bytes(monev_workbook()), "rencana-aksi-2026.xlsx")

    assert [row.cells[1] for row in table.rows] == [
        "Manajemen Perubahan", "Manajemen Perubahan", "Manajemen Perubahan",
        "Penguatan Akuntabilitas"]


def test_cells_come_as_the_sheet_shows_them():
    table = read_table(xlsx_bytes(monev_workbook()), "rencana-aksi-2026.xlsx")
    first, second, third, fourth = _cells(table, 6, 7, 8, 10)

    assert first["PENANGGUNG JAWAB"] == PELLO
    assert first["ANGGARAN (Rp)"] == "Rp 15.000.000"  # text stays text: the import reads it
    assert first["BATAS WAKTU"] == "31 Desember 2026"
    assert third["ANGGARAN (Rp)"] == "15.000.000,00"
    assert third["BATAS WAKTU"] == "TW IV"
    assert fourth["BATAS WAKTU"] == "31/03/2026"
    assert second["ANGGARAN (Rp)"] == 15_000_000 and type(second["ANGGARAN (Rp)"]) is int
    assert second["BATAS WAKTU"] == date(2026, 12, 31) and type(second["BATAS WAKTU"]) is date
    assert first["CAPAIAN (%)"] == Decimal("12.5")  # 0.125 shown as 12,5%
    assert second["CAPAIAN (%)"] == 20 and fourth["CAPAIAN (%)"] == 100
    assert second["TARGET TW IV"] == 100 and first["REALISASI TW III"] is None
    assert second["KETERANGAN"] == "Kupang, Flores, Sumba"


def test_merges_written_with_a_namespace_prefix_are_found():
    # As programs built on the Open XML SDK write them: <x:mergeCell ref="B6:B8"/>.
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    data = rewrite_member(xlsx_bytes(monev_workbook()), "xl/worksheets/sheet1.xml",
                          lambda text: text.replace(
                              '<mergeCell ref="B6:B8"',
                              f"<x:mergeCell xmlns:x='{main}' ref = 'B6:B8'"))
    table = read_table(data, "rencana-aksi-2026.xlsx")

    assert [row.cells[1] for row in table.rows][:3] == ["Manajemen Perubahan"] * 3


def test_text_is_stripped_and_whitespace_only_cells_are_empty():
    workbook = simple_workbook([["No", "Rencana Aksi", "Penanggung Jawab", "Keterangan"],
                                [1, "  Penyusunan SOP \n", f" {PELLO} ", "   "]])
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.rows[0].cells == (1, "Penyusunan SOP", PELLO, None)


def test_a_date_with_a_time_stays_a_datetime_and_whole_floats_become_ints():
    workbook = simple_workbook([["No", "Rencana Aksi", "Batas Waktu", "Anggaran"],
                                [1.0, "Rapat koordinasi", datetime(2026, 3, 31, 14, 30), 2.5e7],
                                [2, "Evaluasi", None, 1250000.5]])
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.rows[0].cells == (1, "Rapat koordinasi", datetime(2026, 3, 31, 14, 30),
                                   25_000_000)
    assert type(table.rows[0].cells[0]) is int
    assert table.rows[1].cells[3] == 1250000.5


def test_a_percent_sign_written_into_the_format_does_not_scale_the_number():
    workbook = simple_workbook([["No", "Rencana Aksi", "Capaian (%)", "Progres"],
                                [1, "Penyusunan SOP", 12.5, 0.5]])
    workbook.active["C2"].number_format = '0.0"%"'
    workbook.active["D2"].number_format = "0%"
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.rows[0].cells[2:] == (12.5, 50)


def test_formulas_give_the_values_saved_with_them():
    workbook = simple_workbook([["No", "Rencana Aksi", "Target", "Anggaran (Rp)"],
                                [1, "Penyusunan SOP", "=2+3", "=5*3000000"],
                                [2, '="Evaluasi "&"SOP"', "=SUM(C2,1)", "=1/0"]])
    data = with_saved_formula_values(xlsx_bytes(workbook),
                                     {"C2": "5", "D2": "15000000", "C3": "6"})
    empty_value = r"(?:<v\s*/>|<v>\s*</v>)?"  # <v /> or, written by lxml, <v></v>
    data = rewrite_member(data, "xl/worksheets/sheet1.xml", lambda text: re.sub(
        r'<c r="D3"><f>1/0</f>' + empty_value + "</c>",
        '<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v></c>', re.sub(
            r'<c r="B3"><f>"Evaluasi "&amp;"SOP"</f>' + empty_value + "</c>",
            '<c r="B3" t="str"><f>"Evaluasi "&amp;"SOP"</f><v>Evaluasi SOP</v></c>', text)))
    table = read_table(data, "ra.xlsx")

    assert [row.cells for row in table.rows] == [(1, "Penyusunan SOP", 5, 15_000_000),
                                                  (2, "Evaluasi SOP", 6, "#DIV/0!")]


def test_a_formula_saved_without_its_value_reads_as_empty():
    # openpyxl, like some other programs, saves formulas without computing them.
    workbook = simple_workbook([["No", "Rencana Aksi", "Target"], [1, "Penyusunan SOP", "=2+3"]])
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.rows[0].cells == (1, "Penyusunan SOP", None)


def test_a_macro_workbook_is_read_for_its_values_only():
    data = xlsx_bytes(simple_workbook([["No", "Rencana Aksi"], [1, "Penyusunan SOP"]]))
    buffer = io.BytesIO(data)
    import zipfile
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 Sub Auto_Open() Kill \"C:\\\" ")
    table = read_table(buffer.getvalue(), "rencana-aksi.xlsm")

    assert table.rows[0].cells == (1, "Penyusunan SOP")


def test_a_header_in_the_first_row_with_no_title():
    workbook = simple_workbook([["No.", "Kegiatan", "Indikator", "Target", "Satuan",
                                 "PIC", "Perangkat Daerah", "Tenggat"],
                                [1, "Penyusunan SOP", "SOP ditetapkan", 12, "SOP", PELLO,
                                 "Biro Organisasi", "Desember 2026"]])
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.header_row == 1
    assert [field_for_header(header) for header in table.headers] == [
        "no", "title", "indicator", "target", "unit", "owner", "agency", "due_date"]
    assert table.rows[0].number == 2


def test_a_quarter_over_target_and_realisation_reads_as_target_tw_i():
    workbook = simple_workbook([["NO", "RENCANA AKSI", "TRIWULAN I", None, "TRIWULAN II", None],
                                [None, None, "Target", "Realisasi", "Target", "Realisasi"],
                                ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
                                [1, "Penyusunan SOP", 2, 1, 4, 3]])
    sheet = workbook.active
    for cells in ("A1:A2", "B1:B2", "C1:D1", "E1:F1"):
        sheet.merge_cells(cells)
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.headers == ("NO", "RENCANA AKSI", "Target TRIWULAN I", "Realisasi TRIWULAN I",
                             "Target TRIWULAN II", "Realisasi TRIWULAN II")
    assert [row.number for row in table.rows] == [4]


def test_target_and_realisasi_over_bare_quarter_numerals_map_to_the_quarters():
    workbook = simple_workbook([["NO", "RENCANA AKSI", "TARGET", None, None, None, "REALISASI"],
                                [None, None, "I", "II", "III", "IV", "I"],
                                [1, "Penyusunan SOP", 25, 50, 75, 100, "12,5"]])
    for cells in ("A1:A2", "B1:B2", "C1:F1"):
        workbook.active.merge_cells(cells)
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert [field_for_header(header) for header in table.headers] == [
        "no", "title", "tw1_target", "tw2_target", "tw3_target", "tw4_target", "tw1_realisation"]


def test_a_group_header_over_sub_headers_it_does_not_name_still_takes_two_rows():
    workbook = simple_workbook([["NO", "RENCANA AKSI", "TARGET", None, "PENANGGUNG JAWAB"],
                                [None, None, "Volume", "Satuan", None],
                                [1, "Penyusunan SOP", 12, "SOP", PELLO]])
    for cells in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        workbook.active.merge_cells(cells)
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.headers == ("NO", "RENCANA AKSI", "TARGET Volume", "TARGET Satuan",
                             "PENANGGUNG JAWAB")
    assert [row.cells for row in table.rows] == [(1, "Penyusunan SOP", 12, "SOP", PELLO)]


def test_a_first_item_under_a_header_merged_across_is_not_taken_for_a_sub_header():
    workbook = simple_workbook([["NO", "RENCANA AKSI", "KETERANGAN", None],
                                [1, "Penyusunan SOP", "Tahap 1", "Selesai"],
                                [2, "Evaluasi SOP", "Tahap 2", None]])
    workbook.active.merge_cells("C1:D1")
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.header_row == 1
    assert [row.number for row in table.rows] == [2, 3]


def test_columns_end_with_the_last_header_and_empty_rows_are_left_out():
    workbook = simple_workbook([["No", "Rencana Aksi", None, "Keterangan", None, None],
                                [1, "Penyusunan SOP", "tanpa judul", None, None, "catatan lepas"],
                                [None, None, None, None, None, None],
                                [2, "Evaluasi SOP", None, "Selesai", None, None]])
    workbook.active["F3"].number_format = "0.00"  # a styled, empty cell
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert table.headers == ("No", "Rencana Aksi", "", "Keterangan")
    assert [row.cells for row in table.rows] == [(1, "Penyusunan SOP", "tanpa judul", None),
                                                 (2, "Evaluasi SOP", None, "Selesai")]


def test_a_section_row_merged_across_is_not_copied_into_every_column():
    workbook = simple_workbook([["No", "Rencana Aksi", "Penanggung Jawab"],
                                ["I. MANAJEMEN PERUBAHAN", None, None],
                                [1, "Penyusunan Road Map", PELLO]])
    workbook.active.merge_cells("A2:C2")
    table = read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert [row.cells for row in table.rows] == [("I. MANAJEMEN PERUBAHAN", None, None),
                                                 (1, "Penyusunan Road Map", PELLO)]


def test_rows_past_wrong_saved_dimensions_are_read():
    data = xlsx_bytes(simple_workbook([["No", "Rencana Aksi"], [1, "Penyusunan SOP"],
                                       [2, "Evaluasi SOP"]]))
    data = rewrite_member(data, "xl/worksheets/sheet1.xml", lambda text: text.replace(
        '<dimension ref="A1:B3"', '<dimension ref="A1:B1"'))
    table = read_table(data, "ra.xlsx")

    assert [row.cells for row in table.rows] == [(1, "Penyusunan SOP"), (2, "Evaluasi SOP")]


def _two_sheets():
    workbook = simple_workbook([["PETUNJUK PENGISIAN"], ["Isi satu kegiatan per baris."]],
                               title="Petunjuk")
    plan = workbook.create_sheet("Rencana Aksi")
    plan.append(["No", "Rencana Aksi", "Penanggung Jawab"])
    plan.append([1, "Penyusunan SOP", PELLO])
    other = workbook.create_sheet("TW II")
    other.append(["No", "Rencana Aksi", "Penanggung Jawab"])
    other.append([1, "Evaluasi SOP", "Maria Goreti Ndun, S.E."])
    return xlsx_bytes(workbook)


def test_without_a_sheet_named_the_first_sheet_with_a_header_is_read():
    table = read_table(_two_sheets(), "ra.xlsx")

    assert table.sheet == "Rencana Aksi"
    assert table.rows[0].cells == (1, "Penyusunan SOP", PELLO)


def test_a_named_sheet_is_read_and_its_name_may_differ_in_case():
    assert read_table(_two_sheets(), "ra.xlsx", sheet="TW II").rows[0].cells[1] == "Evaluasi SOP"
    assert read_table(_two_sheets(), "ra.xlsx", sheet="tw ii").sheet == "TW II"


def test_a_sheet_that_is_not_there_is_refused_naming_the_sheets_there_are():
    with pytest.raises(UnreadableFile) as caught:
        read_table(_two_sheets(), "ra.xlsx", sheet="TW III")

    assert str(caught.value.message) == (
        "There is no sheet named “TW III”; the workbook has: “Petunjuk”, “Rencana Aksi”, "
        "“TW II”.")


def test_sheet_names_lists_the_worksheets_in_order():
    assert sheet_names(io.BytesIO(_two_sheets()), "ra.xlsx") == ["Petunjuk", "Rencana Aksi",
                                                                 "TW II"]


def test_a_sheet_without_a_header_says_which_headers_were_expected():
    workbook = simple_workbook([["LAPORAN KEUANGAN 2026"], ["Uraian", "Jumlah"],
                                ["Belanja pegawai", 15000000]])
    with pytest.raises(UnreadableFile) as caught:
        read_table(xlsx_bytes(workbook), "laporan.xlsx")

    message = str(caught.value.message)
    assert message.startswith("No header row found in the first 30 rows: expected column "
                              "headers such as No., Action, Output, Indicator,")
    assert "Deadline" in message and "LAPORAN" not in message


def test_a_header_below_the_first_thirty_rows_is_not_looked_for():
    rows = [[f"Catatan {number}"] for number in range(1, 31)]
    workbook = simple_workbook(rows + [["No", "Rencana Aksi"], [1, "Penyusunan SOP"]])
    with pytest.raises(UnreadableFile):
        read_table(xlsx_bytes(workbook), "ra.xlsx")
    workbook = simple_workbook(rows[1:] + [["No", "Rencana Aksi"], [1, "Penyusunan SOP"]])
    assert read_table(xlsx_bytes(workbook), "ra.xlsx").header_row == 30


def test_the_row_limit_counts_the_items_under_the_header():
    rows = [["No", "Rencana Aksi"], [1, "Penyusunan SOP"], [], [2, "Evaluasi SOP"],
            [3, "Sosialisasi SOP"]]
    assert len(read_table(xlsx_bytes(simple_workbook(rows)), "ra.xlsx", max_rows=3).rows) == 3

    with pytest.raises(UnreadableFile) as caught:
        read_table(xlsx_bytes(simple_workbook(rows)), "ra.xlsx", max_rows=2)
    assert str(caught.value.message) == (
        "The sheet has more than 2 rows: split it into smaller files.")


def test_a_sheet_over_ten_thousand_rows_is_refused():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Rencana Aksi")
    sheet.append(["No", "Rencana Aksi", "Penanggung Jawab"])
    for number in range(1, 10_002):
        sheet.append([number, f"Kegiatan {number}", PELLO])
    with pytest.raises(UnreadableFile) as caught:
        read_table(xlsx_bytes(workbook), "ra.xlsx")

    assert str(caught.value.message) == (
        "The sheet has more than 10000 rows: split it into smaller files.")
