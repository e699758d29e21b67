"""Reading .csv files saved from rencana aksi sheets (rbtasks/spreadsheets/reading.py)."""
import codecs
import io

import pytest

from rbtasks.spreadsheets.columns import field_for_header
from rbtasks.spreadsheets.reading import read_table, sheet_names
from rbtasks.spreadsheets.table import UnreadableFile

from .sheets import PELLO, TITLE

PLAIN = (
    "No;Rencana Aksi;Penanggung Jawab;Perangkat Daerah;Anggaran (Rp);Batas Waktu\r\n"
    f"1;Penyusunan SOP pelayanan;{PELLO};Biro Organisasi;Rp 15.000.000;31 Desember 2026\r\n"
    "2;Evaluasi kinerja Café Literasi;René Fernandez, S.Kom.;Dinas Perpustakaan;12,5;31/12/2026\r\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_csv_in_utf8_with_or_without_bom_and_in_windows_1252(encoding):
    table = read_table(io.BytesIO(PLAIN.encode(encoding)), "rencana-aksi.csv")

    assert table.sheet is None and table.header_row == 1
    assert table.headers[0] == "No"  # no BOM left in the first header
    assert [row.cells for row in table.rows] == [
        ("1", "Penyusunan SOP pelayanan", PELLO, "Biro Organisasi", "Rp 15.000.000",
         "31 Desember 2026"),
        ("2", "Evaluasi kinerja Café Literasi", "René Fernandez, S.Kom.", "Dinas Perpustakaan",
         "12,5", "31/12/2026"),
    ]


def test_csv_with_commas_and_quoted_names():
    text = ("No,Rencana Aksi,Penanggung Jawab,Anggaran (Rp)\n"
            f'1,"Penyusunan SOP, tahap 1","{PELLO}","15.000.000,00"\n')
    table = read_table(text.encode(), "ra.csv")

    assert [field_for_header(header) for header in table.headers] == ["no", "title", "owner",
                                                                      "budget"]
    assert table.rows[0].cells == ("1", "Penyusunan SOP, tahap 1", PELLO, "15.000.000,00")


def test_the_delimiter_is_the_one_that_splits_the_header_into_known_columns():
    # One comma in every line: a comma count alone would choose it.
    text = ("No;Rencana Aksi;Penanggung Jawab\n"
            f"1;Penyusunan SOP;{PELLO}\n"
            "2;Evaluasi SOP;Maria Goreti Ndun, S.E.\n")
    table = read_table(text.encode(), "ra.csv")

    assert table.headers == ("No", "Rencana Aksi", "Penanggung Jawab")
    assert table.rows[1].cells == ("2", "Evaluasi SOP", "Maria Goreti Ndun, S.E.")


def test_excel_unicode_text_with_tabs():
    text = f"No\tRencana Aksi\tPenanggung Jawab\r\n1\tPenyusunan SOP\t{PELLO}\r\n"
    table = read_table(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "ra.csv")

    assert table.rows[0].cells == ("1", "Penyusunan SOP", PELLO)


def test_a_csv_saved_from_the_monev_sheet_joins_its_two_row_header():
    text = (f'"{TITLE}";;;;;;;;;;;\n'
            ";;;;;;;;;;;\n"
            "NO;KEGIATAN / RENCANA AKSI;TARGET;;;;REALISASI;;;;PENANGGUNG JAWAB;KETERANGAN\n"
            ";;TW I;TW II;TW III;TW IV;TW I;TW II;TW III;TW IV;;\n"
            "(1);(2);(3);(4);(5);(6);(7);(8);(9);(10);(11);(12)\n"
            f"1;Penyusunan Road Map RB;0;0;1;1;0;0;;;{PELLO};\n"
            ";;;;;;;;;;;\n"
            '2;"Sosialisasi budaya kerja\nASN";25;50;75;100;20;;;;Maria Goreti Ndun, S.E.;\n'
            "3;Evaluasi agen perubahan;;;;1;;;;;;Tahap 1; tahap 2\n")
    table = read_table(text.encode("utf-8-sig"), "monev.csv")

    assert table.header_row == 4
    assert [field_for_header(header) for header in table.headers] == [
        "no", "title", "tw1_target", "tw2_target", "tw3_target", "tw4_target",
        "tw1_realisation", "tw2_realisation", "tw3_realisation", "tw4_realisation", "owner",
        "description"]
    assert table.headers[6] == "REALISASI TW I"
    # Rows are numbered as a spreadsheet shows the file, a quoted line break staying in its row.
    assert [row.number for row in table.rows] == [6, 8, 9]
    assert table.rows[1].cells[1] == "Sosialisasi budaya kerja\nASN"
    assert table.rows[0].cells[2:6] == ("0", "0", "1", "1")
    # A cell past the header's last column (a stray delimiter) is left out.
    assert table.rows[2].cells[-1] == "Tahap 1" and len(table.rows[2].cells) == 12


def test_a_nul_in_a_cell_reaches_the_import_in_its_row_and_column():
    text = f"No;Rencana Aksi;Penanggung Jawab\n1;Penyusunan\x00SOP;{PELLO}\n"
    table = read_table(text.encode(), "ra.csv")

    assert table.rows[0].number == 2
    assert table.rows[0].cells[1] == "Penyusunan\x00SOP"


def test_text_in_neither_utf8_nor_windows_1252_is_refused():
    data = "No;Rencana Aksi\n1;Penyusunan SOP\n".encode() + b"2;\x81\x8d\xff\n"
    with pytest.raises(UnreadableFile) as caught:
        read_table(data, "ra.csv")

    assert str(caught.value.message) == (
        "The CSV file is neither UTF-8 nor Windows-1252 text: save it as “CSV UTF-8”.")


def test_a_field_too_long_for_a_sheet_names_its_line():
    text = f'No;Rencana Aksi\n1;Penyusunan SOP\n2;"{"x" * 200_000}"\n'
    with pytest.raises(UnreadableFile) as caught:
        read_table(text.encode(), "ra.csv")

    assert str(caught.value.message) == "The CSV file cannot be read at line 3."


def test_a_csv_over_ten_thousand_rows_is_refused_and_ten_thousand_are_read():
    lines = ["No;Rencana Aksi;Penanggung Jawab"]
    lines += [f'{number};Kegiatan {number};"{PELLO}"' for number in range(1, 10_001)]
    assert len(read_table("\n".join(lines).encode(), "ra.csv").rows) == 10_000

    lines.append("10001;Kegiatan 10001;Maria Goreti Ndun, S.E.")
    with pytest.raises(UnreadableFile) as caught:
        read_table("\n".join(lines).encode(), "ra.csv")
    assert str(caught.value.message) == (
        "The sheet has more than 10000 rows: split it into smaller files.")


def test_a_csv_without_a_header():
    with pytest.raises(UnreadableFile) as caught:
        read_table("Uraian;Jumlah\nBelanja pegawai;15.000.000\n".encode(), "ra.csv")

    assert str(caught.value.message).startswith("No header row found in the first 30 rows")


def test_a_csv_has_no_sheets_to_choose_from():
    assert sheet_names(PLAIN.encode(), "ra.csv") == []
    assert read_table(PLAIN.encode(), "ra.csv", sheet="Rencana Aksi").sheet is None
