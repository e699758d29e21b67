"""Sheets as files, in the agencies' shape (docs/make_example_sheet.py) or as CSV."""
import io
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "contoh-rencana-aksi.xlsx"
_MAKER = runpy.run_path(str(ROOT / "docs" / "make_example_sheet.py"))
EXAMPLE_ROWS = _MAKER["EXAMPLE_ROWS"]


def xlsx_bytes(rows=EXAMPLE_ROWS, year=2026):
    """An .xlsx with title rows, a two-row merged header, a numbering row and merged areas."""
    buffer = io.BytesIO()
    _MAKER["build_workbook"](rows, year=year).save(buffer)
    return buffer.getvalue()


def example_row(action, agency="Biro Hukum", owner="Oktavianus Pello, S.H., M.H.",
                deadline="31 Desember 2026", budget="Rp 15.000.000", targets=(None,) * 4,
                realisations=(None,) * 4, program="Deregulasi", obstacles=""):
    """One row for xlsx_bytes, as docs/make_example_sheet.py lays them out."""
    return (program, action, "Dokumen", "Dokumen ditetapkan", "1", "dokumen", targets,
            realisations, owner, agency, budget, deadline, obstacles, "", "", "")


def csv_bytes(text, encoding="utf-8-sig"):
    return text.encode(encoding)
