"""The cast of the import tests: the pokja, its coordinator, two agencies with people
whose names carry titles and commas, and tables shaped like the agencies' sheets."""
import pytest

from rbtasks.spreadsheets.table import SheetRow, Table

HEADERS = ("No", "Area Perubahan", "Kegiatan / Rencana Aksi", "Output", "Indikator", "Target",
           "Satuan", "TARGET TW I", "TARGET TW II", "TARGET TW III", "TARGET TW IV",
           "REALISASI TW I", "REALISASI TW II", "REALISASI TW III", "REALISASI TW IV",
           "Penanggung Jawab", "Unit Kerja", "Anggaran (Rp)", "Batas Waktu", "Kendala",
           "Solusi / RTL", "Keterangan")


def sheet_row(number, **cells):
    """A row of HEADERS from keyword cells named as in ROW_KEYS."""
    values = {header: None for header in HEADERS}
    for key, value in cells.items():
        values[ROW_KEYS[key]] = value
    return SheetRow(number, tuple(values[header] for header in HEADERS))


ROW_KEYS = {"no": "No", "area": "Area Perubahan", "title": "Kegiatan / Rencana Aksi",
            "output": "Output", "indicator": "Indikator", "target": "Target", "unit": "Satuan",
            "t1": "TARGET TW I", "t2": "TARGET TW II", "t3": "TARGET TW III",
            "t4": "TARGET TW IV", "r1": "REALISASI TW I", "r2": "REALISASI TW II",
            "r3": "REALISASI TW III", "r4": "REALISASI TW IV", "owner": "Penanggung Jawab",
            "agency": "Unit Kerja", "budget": "Anggaran (Rp)", "due": "Batas Waktu",
            "obstacles": "Kendala", "solutions": "Solusi / RTL", "notes": "Keterangan"}


def table(*rows, headers=HEADERS):
    return Table(headers=headers, rows=list(rows), header_row=4, sheet="Rencana Aksi")


@pytest.fixture
def cast(make_agency, make_user, make_pokja):
    biro_hukum = make_agency(code="BIRO-HUKUM", name="Biro Hukum")
    biro_org = make_agency(code="BIRO-ORG", name="Biro Organisasi")
    pello = make_user(role="member", name="Oktavianus Pello, S.H., M.H.",
                      email="oktavianus.pello@nttprov.go.id", agency=biro_hukum)
    kolo = make_user(role="member", name="Ignasius Kolo", email="ignasius.kolo@nttprov.go.id",
                     agency=biro_org)
    coordinator = make_user(role="coordinator", name="Agustinus Tefa", agency=biro_org)
    pokja = make_pokja(name="Pokja Deregulasi Kebijakan", coordinators=[coordinator])
    return {"biro_hukum": biro_hukum, "biro_org": biro_org, "pello": pello, "kolo": kolo,
            "coordinator": coordinator, "pokja": pokja}


def first_rows():
    """Two rows as a Biro Hukum sheet writes them: Indonesian dates, rupiah, quarters."""
    return [
        sheet_row(5, no=1, area="Deregulasi Kebijakan",
                  title="Inventarisasi peraturan daerah yang menghambat investasi",
                  output="Daftar perda", indicator="Persentase perda diinventarisasi",
                  target="100", unit="persen", t1="25", t2="50", r1="12,5",
                  owner="Oktavianus Pello, S.H., M.H.", agency="biro  hukum",
                  budget="Rp 15.000.000", due="31 Desember 2026",
                  obstacles="Menunggu data dari OPD", solutions="Surat dari Sekda"),
        sheet_row(6, no=2, area="Deregulasi Kebijakan",
                  title="Harmonisasi rancangan perda perizinan berusaha",
                  output="Ranperda", target="1", unit="dokumen",
                  owner="ignasius.kolo@nttprov.go.id", agency="BIRO-ORG",
                  budget="15.000.000,00", due="TW III"),
    ]
