"""Write docs/contoh-rencana-aksi.xlsx: a rencana aksi sheet shaped like the agencies' own.

Run from the repository's root: ``.venv/bin/python docs/make_example_sheet.py``.

The sheet has what real sheets have: title rows above the table, a header
over two rows with merged cells ("TARGET" over "TW I … TW IV"), a row that
only numbers the columns, Area Perubahan and Program merged down the side,
Indonesian dates (as text and as Excel dates) and rupiah. Its pokja,
agencies and people are the demo's (rbtasks/demo/data.py), so after
``flask rb seed-demo`` it imports into "Pokja Manajemen Perubahan":

    flask rb import docs/contoh-rencana-aksi.xlsx --pokja <id> --dry-run

``build_workbook(rows)`` is used by the tests and the benchmark to make
sheets of the same shape with other rows.
"""
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HERE = Path(__file__).resolve().parent
TITLE = "RENCANA AKSI REFORMASI BIROKRASI PEMERINTAH PROVINSI NUSA TENGGARA TIMUR TAHUN {year}"
SUBTITLE = "POKJA MANAJEMEN PERUBAHAN"
# (header, or (group, [sub-headers])) in sheet order
HEADER = (
    "NO", "AREA PERUBAHAN", "PROGRAM", "KEGIATAN / RENCANA AKSI", "OUTPUT", "INDIKATOR",
    "TARGET", "SATUAN", ("TARGET", ("TW I", "TW II", "TW III", "TW IV")),
    ("REALISASI", ("TW I", "TW II", "TW III", "TW IV")), "PENANGGUNG JAWAB", "UNIT KERJA",
    "ANGGARAN (Rp)", "BATAS WAKTU", "KENDALA", "SOLUSI / RTL", "DATA DUKUNG", "KETERANGAN",
)
AREA = "Manajemen Perubahan"

# program, action, output, indicator, target, unit, TW targets, TW realisations,
# person in charge, agency, budget, deadline, kendala, solusi, data dukung, keterangan
EXAMPLE_ROWS = (
    ("Penguatan Tim Reformasi Birokrasi",
     "Menyusun road map reformasi birokrasi daerah 2025–2029",
     "Dokumen road map RB", "Road map RB ditetapkan dengan Peraturan Gubernur", "1", "dokumen",
     (None, "1", None, None), (None, "0,5", None, None), "Ignasius Kolo", "Biro Organisasi",
     "Rp 25.000.000", "30 Juni 2026", "Menunggu masukan dari perangkat daerah",
     "Rapat koordinasi dengan Sekda", "Notulen rapat", ""),
    ("Penguatan Tim Reformasi Birokrasi",
     "Melaksanakan rapat koordinasi Tim RB setiap triwulan",
     "Notulen dan daftar hadir rapat", "Jumlah rapat koordinasi terlaksana", "4", "kali",
     ("1", "1", "1", "1"), ("1", "1", None, None), "ignasius.kolo@demo.nttprov.go.id",
     "BIRO-ORG", 12000000, "TW IV", "", "", "Notulen, daftar hadir, foto", ""),
    ("Budaya Kerja dan Agen Perubahan",
     "Melaksanakan survei budaya kerja aparatur sipil negara",
     "Laporan hasil survei budaya kerja", "Indeks budaya kerja", "75", "indeks",
     (None, None, "75", None), (None, None, None, None), "Ignasius Kolo", "Biro Organisasi",
     "15.000.000,00", datetime(2026, 9, 30), "", "", "", "Bekerja sama dengan BKD"),
    ("Budaya Kerja dan Agen Perubahan",
     "Mempublikasikan capaian reformasi birokrasi di kanal media sosial Pemprov NTT",
     "Konten publikasi RB", "Jumlah konten terbit", "24", "konten",
     ("6", "6", "6", "6"), ("5", "7", None, None), "Stefanus Foenay",
     "Dinas Komunikasi dan Informatika", "Rp 8.500.000", "Desember 2026",
     "Keterbatasan tenaga desain grafis", "Pelatihan desain bagi staf humas", "Tautan konten",
     ""),
    ("Budaya Kerja dan Agen Perubahan",
     "Menyusun kajian penyederhanaan regulasi pelayanan perizinan",
     "Dokumen kajian", "Kajian disampaikan kepada Gubernur", "1", "dokumen",
     (None, None, None, "1"), (None, None, None, None), "Paulus Leki", "Biro Hukum",
     "Rp 30.000.000", "15 Des 2026", "", "", "", ""),
)


def _columns():
    """(top header, bottom header or None) per sheet column."""
    columns = []
    for entry in HEADER:
        if isinstance(entry, tuple):
            group, subs = entry
            columns.extend((group, sub) for sub in subs)
        else:
            columns.append((entry, None))
    return columns


def _flatten(row):
    (program, action, output, indicator, target, unit, targets, realisations, owner, agency,
     budget, deadline, obstacles, solutions, evidence, notes) = row
    return [program, action, output, indicator, target, unit, *targets, *realisations, owner,
            agency, budget, deadline, obstacles, solutions, evidence, notes]


def build_workbook(rows=EXAMPLE_ROWS, year=2026, area=AREA):
    """A workbook with one sheet, "Rencana Aksi", holding ``rows`` in the agencies' shape."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Rencana Aksi"
    columns = _columns()
    last = len(columns)
    bold, centred = Font(bold=True), Alignment(horizontal="center", vertical="center",
                                              wrap_text=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    grey = PatternFill("solid", fgColor="D9D9D9")

    sheet.cell(1, 1, TITLE.format(year=year)).font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    sheet.cell(2, 1, SUBTITLE).font = bold
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    # row 3 stays blank, as in the sheets agencies bring

    index = 1
    while index <= last:
        top, bottom = columns[index - 1]
        if bottom is None:
            sheet.cell(4, index, top)
            sheet.merge_cells(start_row=4, start_column=index, end_row=5, end_column=index)
            index += 1
            continue
        width = 1
        while index + width <= last and columns[index - 1 + width][0] == top \
                and columns[index - 1 + width][1] is not None:
            width += 1
        sheet.cell(4, index, top)
        sheet.merge_cells(start_row=4, start_column=index, end_row=4,
                          end_column=index + width - 1)
        for offset in range(width):
            sheet.cell(5, index + offset, columns[index - 1 + offset][1])
        index += width
    for number in range(1, last + 1):
        sheet.cell(6, number, number)
    for row_number in (4, 5, 6):
        for column in range(1, last + 1):
            cell = sheet.cell(row_number, column)
            cell.font, cell.alignment, cell.border, cell.fill = bold, centred, border, grey

    first = 7
    for offset, row in enumerate(rows):
        values = [offset + 1, area if offset == 0 else None, *_flatten(row)]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(first + offset, column, value)
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, datetime):
                cell.number_format = "DD/MM/YYYY"
            elif isinstance(value, int) and column > 2:
                cell.number_format = "#,##0"
    end = first + len(rows) - 1
    if rows:
        sheet.merge_cells(start_row=first, start_column=2, end_row=end, end_column=2)
        _merge_runs(sheet, first, end, column=3)
    sheet.freeze_panes = "D7"
    for column, width in zip("ABCDEF", (5, 18, 24, 42, 26, 26)):
        sheet.column_dimensions[column].width = width
    stamp = datetime(year, 1, 5, 8, 0)
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.creator = "rbtasks"
    return workbook


def _merge_runs(sheet, first, end, column):
    """Merge equal neighbouring values down a column, as Program is in real sheets."""
    start = first
    for row in range(first + 1, end + 2):
        value = sheet.cell(row, column).value if row <= end else object()
        if value != sheet.cell(start, column).value or row > end:
            if row - 1 > start:
                for blank in range(start + 1, row):
                    sheet.cell(blank, column).value = None
                sheet.merge_cells(start_row=start, start_column=column, end_row=row - 1,
                                  end_column=column)
            start = row


def main():
    path = HERE / "contoh-rencana-aksi.xlsx"
    build_workbook().save(path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
