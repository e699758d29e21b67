"""Real .xlsx and .csv files in the shapes agencies keep their rencana aksi in."""
import io
import re
import zipfile
from datetime import date

import openpyxl

TITLE = ("RENCANA AKSI REFORMASI BIROKRASI PEMERINTAH PROVINSI NUSA TENGGARA TIMUR "
         "TAHUN 2026")
PELLO = "Oktavianus Pello, S.H., M.H."

# Row 1 title, row 2 blank, rows 3–4 the header ("TARGET" and "REALISASI" merged over
# TW I–IV, the other header cells merged down over both rows), row 5 numbers the
# columns, then the items; Area Perubahan merged down over rows 6–8, row 9 blank.
MONEV_TOP = ["NO", "AREA PERUBAHAN", "KEGIATAN / RENCANA AKSI", "OUTPUT / KELUARAN",
             "INDIKATOR KEBERHASILAN", "SATUAN", "TARGET", None, None, None, "REALISASI", None,
             None, None, "PENANGGUNG JAWAB", "UNIT KERJA", "ANGGARAN (Rp)", "BATAS WAKTU",
             "CAPAIAN (%)", "KETERANGAN"]
MONEV_FIELDS = ["no", "area", "title", "output", "indicator", "unit",
                "tw1_target", "tw2_target", "tw3_target", "tw4_target",
                "tw1_realisation", "tw2_realisation", "tw3_realisation", "tw4_realisation",
                "owner", "agency", "budget", "due_date", "progress", "description"]


def monev_workbook():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Rencana Aksi 2026"
    sheet["A1"] = TITLE
    sheet.merge_cells("A1:T1")
    for column, text in enumerate(MONEV_TOP, start=1):
        sheet.cell(3, column, text)
    for column, text in enumerate(["TW I", "TW II", "TW III", "TW IV"] * 2, start=7):
        sheet.cell(4, column, text)
    for letter in "ABCDEFOPQRST":
        sheet.merge_cells(f"{letter}3:{letter}4")
    sheet.merge_cells("G3:J3")
    sheet.merge_cells("K3:N3")
    for column in range(1, 21):
        sheet.cell(5, column, column)
    sheet.append([1, "Manajemen Perubahan", "Penyusunan Road Map Reformasi Birokrasi",
                  "Dokumen Road Map RB", "Road Map RB ditetapkan", "Dokumen", 0, 0, 1, 1, 0, 0,
                  None, None, PELLO, "Biro Organisasi", "Rp 15.000.000", "31 Desember 2026",
                  0.125, None])
    sheet.append([2, None, "Sosialisasi budaya kerja ASN", "Laporan sosialisasi",
                  "Persentase OPD tersosialisasi", "%", 25, 50, 75, 100, 20, None, None, None,
                  "Maria Goreti Ndun, S.E.", "Biro Organisasi", 15000000,
                  date(2026, 12, 31), 0.2, "Kupang, Flores, Sumba"])
    sheet.append([3, None, "Evaluasi agen perubahan", "Laporan evaluasi", None, "Laporan",
                  None, None, None, 1, None, None, None, None, PELLO, "Biro Organisasi",
                  "15.000.000,00", "TW IV", None, None])
    sheet.merge_cells("B6:B8")
    sheet.append([])
    sheet.append([4, "Penguatan Akuntabilitas", "Penyusunan Perjanjian Kinerja", "Dokumen PK",
                  None, "Dokumen", 1, None, None, None, 1, None, None, None,
                  "Yohanes Kale, S.Sos.", "Inspektorat Daerah", None, "31/03/2026", 1, None])
    for cell in ("S6", "S7", "S10"):
        sheet[cell].number_format = "0.0%"
    sheet["R7"].number_format = "dd/mm/yyyy"
    return workbook


def xlsx_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def simple_workbook(rows, title="Rencana Aksi"):
    workbook = openpyxl.Workbook()
    workbook.active.title = title
    for row in rows:
        workbook.active.append(row)
    return workbook


def rewrite_member(data, name, change):
    """The same .xlsx with one member's XML changed by ``change(text) -> text``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename == name:
                content = change(content.decode("utf-8")).encode("utf-8")
            target.writestr(member.filename, content)
    return buffer.getvalue()


def with_saved_formula_values(data, values, sheet="xl/worksheets/sheet1.xml"):
    """Give formulas the values a spreadsheet program saves with them (openpyxl saves none)."""
    def change(text):
        for reference, value in values.items():
            # openpyxl writes an empty <v/> (<v></v> when lxml writes its XML)
            text, count = re.subn(
                rf'(<c r="{reference}"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?',
                rf"\g<1><v>{value}</v>", text)
            assert count == 1, reference
        return text
    return rewrite_member(data, sheet, change)
