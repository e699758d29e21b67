"""The quarterly monev report as .xlsx, opened with openpyxl the way a spreadsheet would."""
import io

import pytest
from openpyxl import load_workbook

from tests.reports.conftest import HYPERLINK

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == MIME
    return load_workbook(io.BytesIO(response.get_data())).active


def _rows(sheet, first=6):
    """The table's rows as {header: value}, until the first empty row."""
    headers = [cell.value for cell in sheet[5]]
    rows = []
    for number in range(first, sheet.max_row + 1):
        values = [cell.value for cell in sheet[number]]
        if values[0] is None:
            break
        rows.append(dict(zip(headers, values)))
    return rows


def _totals(sheet):
    return {sheet.cell(row, 2).value: sheet.cell(row, 6).value
            for row in range(1, sheet.max_row + 1) if sheet.cell(row, 6).value is not None
            and row > 5 and sheet.cell(row, 1).value is None}


@pytest.fixture
def q3(monev, api):
    response = api(monev.users.leader).get("/api/v1/reports/quarterly.xlsx?year=2026&quarter=3")
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="laporan-monev-tw3-2026.xlsx"')
    return _sheet(response)


def test_the_header_block_names_the_report_and_its_scope(q3):
    assert q3["A1"].value == ("Laporan Monitoring dan Evaluasi Rencana Aksi Reformasi Birokrasi"
                              " — TW III Tahun 2026")
    assert q3["A2"].value == "Cakupan: Seluruh rencana aksi"
    assert q3["A3"].value.startswith("Dicetak ") and "WITA" in q3["A3"].value
    assert "30 September 2026" in q3["A3"].value
    assert q3.title == "TW III 2026"


def test_rows_in_plan_order_with_the_quarters_so_far(q3, monev):
    rows = _rows(q3)
    assert [row["Rencana aksi"] for row in rows] == [
        "Penyusunan road map RB", "'" + HYPERLINK, "Rapat koordinasi (batal)", "Reviu LKjIP",
        "Evaluasi SAKIP"]
    assert [row["No"] for row in rows] == [1, 2, 3, 4, 5]
    first, formula = rows[0], rows[1]
    assert first["Area perubahan"] == "Manajemen Perubahan"
    assert (first["Output / Keluaran"], first["Indikator"], first["Target"], first["Satuan"]) == (
        "Dokumen road map", "Road map ditetapkan", "1", "dokumen")
    assert first["Status"] == "Selesai"
    assert first["Penanggung Jawab"] == "Oktavianus Pello, S.H., M.H."
    assert first["Perangkat Daerah"] == "Biro Organisasi Setda NTT"
    # all four targets; realisation up to TW III, TW IV not reported yet
    assert [formula[f"Target TW {n}"] for n in ("I", "II", "III", "IV")] == [2, 2, 2, 4]
    assert [formula[f"Realisasi TW {n}"] for n in ("I", "II", "III", "IV")] == [1, 1, 2, None]
    assert formula["% Capaian"] == pytest.approx(0.67)  # 4 of 6 so far
    assert formula["Kendala"] == "Anggaran belum cair"  # TW III's, not TW II's
    assert formula["Solusi / Rencana Tindak Lanjut"] == "Koordinasi dengan BPKAD"
    assert formula["Output / Keluaran"] == "'+62 812 3456 7890"
    assert formula["Status"] == "Berjalan"
    assert rows[2]["Status"] == "Dibatalkan"
    link = f"http://rbtasks.test/items/{monev.items.formula.id}#evidence"
    assert formula["Data dukung"] == link
    assert q3.cell(7, 22).hyperlink.target == link


def test_formulas_are_never_formulas(q3):
    for row in q3.iter_rows(min_row=1):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_area_cells_are_merged_down_their_items(q3):
    merged = {str(cells) for cells in q3.merged_cells.ranges}
    assert {"B6:B7", "B8:B10"} <= merged
    assert q3["B8"].value == "Penguatan Akuntabilitas"


def test_frozen_header_autofilter_and_print_setup(q3):
    assert q3.freeze_panes == "A6"
    assert q3.auto_filter.ref == "A5:V10"
    setup = q3.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4
    assert q3.sheet_properties.pageSetUpPr.fitToPage is True
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert q3.print_title_rows == "$5:$5"
    assert q3["C6"].alignment.wrap_text is True
    assert q3.column_dimensions["C"].width > q3.column_dimensions["A"].width


def test_totals_give_the_implementation_and_completion_rates(q3):
    totals = _totals(q3)
    assert totals["Jumlah rencana aksi"] == 5
    assert totals["Selesai (terverifikasi)"] == 2
    assert totals["Dibatalkan"] == 1
    # due by 30 September: road map, the formula item and the LKjIP review
    assert totals["Jatuh tempo s.d. Rabu, 30 September 2026"] == 3
    assert totals["Selesai tepat waktu"] == 1  # the review was verified on 2 October WITA
    assert totals["Tingkat implementasi rencana aksi"] == pytest.approx(1 / 3)
    assert totals["Tingkat penyelesaian"] == pytest.approx(2 / 3)


def test_an_earlier_quarter_shows_less(monev, api):
    sheet = _sheet(api(monev.users.leader).get(
        "/api/v1/reports/quarterly.xlsx?year=2026&quarter=1"))
    formula = _rows(sheet)[1]
    assert [formula[f"Realisasi TW {n}"] for n in ("I", "II", "III", "IV")] == [1, None, None,
                                                                                 None]
    assert formula["Kendala"] is None  # TW I had none
    totals = _totals(sheet)
    assert totals["Tingkat implementasi rencana aksi"] == 1  # only the road map was due
    assert sheet["A1"].value.endswith("TW I Tahun 2026")


def test_an_empty_year_still_opens(monev, api):
    sheet = _sheet(api(monev.users.leader).get(
        "/api/v1/reports/quarterly.xlsx?year=2030&quarter=2"))
    assert _rows(sheet) == []
    assert _totals(sheet)["Tingkat implementasi rencana aksi"] == "—"
