"""Files the reader refuses, each with a message naming the limit or the problem."""
import io
import struct
import zipfile

import pytest
from flask_babel import force_locale

from rbtasks.spreadsheets import reading
from rbtasks.spreadsheets.reading import read_table, sheet_names
from rbtasks.spreadsheets.table import UnreadableFile

from .sheets import PELLO, rewrite_member, simple_workbook, xlsx_bytes

DAMAGED = "The file is damaged or is not an Excel workbook (.xlsx)."
OLD_EXCEL = ("Old Excel 97–2003 workbooks (.xls) and password-protected workbooks cannot be "
             "read: save the file as an Excel Workbook (.xlsx) without a password.")
SHEET = "xl/worksheets/sheet1.xml"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def _refusal(data, filename, **limits):
    with pytest.raises(UnreadableFile) as caught:
        read_table(data, filename, **limits)
    return str(caught.value.message)


def _workbook():
    return xlsx_bytes(simple_workbook([["No", "Rencana Aksi", "Penanggung Jawab"],
                                       [1, "Penyusunan SOP", PELLO]]))


def _bomb(unpacked_megabytes):
    """A workbook that would read well, but whose sheet ends in megabytes of spaces:
    packed to a thousandth of its unpacked size."""
    buffer = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(_workbook()))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            if member.filename != SHEET:
                archive.writestr(member.filename, source.read(member.filename))
        with archive.open(SHEET, "w") as sheet:
            sheet.write(source.read(SHEET))
            for _ in range(unpacked_megabytes):
                sheet.write(b" " * (1024 * 1024))
    return buffer.getvalue()


def test_a_file_over_the_size_limit_is_refused_without_reading_it_all():
    stream = io.BytesIO(b"No;Rencana Aksi\n" + b"1;Penyusunan SOP\n" * 700_000)
    assert len(stream.getvalue()) > 10 * 1024 * 1024

    assert _refusal(stream, "ra.csv") == "The file is larger than the limit of 10 MB."
    assert stream.tell() == 10 * 1024 * 1024 + 1


def test_the_size_limit_is_the_one_passed_in():
    assert _refusal(b"x" * (3 * 1024 * 1024), "ra.csv", max_bytes=int(2.5 * 1024 * 1024)) == (
        "The file is larger than the limit of 2.5 MB.")
    assert _refusal(_workbook(), "ra.xlsx", max_bytes=2000) == (
        "The file is larger than the limit of 2 KB.")


def test_an_upload_is_read_from_its_start():
    stream = io.BytesIO(_workbook())
    stream.seek(0, io.SEEK_END)

    assert sheet_names(stream, "ra.xlsx") == ["Rencana Aksi"]
    assert read_table(stream, "ra.xlsx").rows[0].cells == (1, "Penyusunan SOP", PELLO)


def test_an_empty_file():
    assert _refusal(io.BytesIO(b""), "ra.xlsx") == "The file is empty."


@pytest.mark.parametrize("filename", ["rencana-aksi.pdf", "rencana-aksi.ods", "rencana-aksi"])
def test_only_workbooks_and_csv_files_are_read(filename):
    assert _refusal(_workbook(), filename) == "Only .xlsx, .xlsm and .csv files can be imported."


@pytest.mark.parametrize("data, filename", [(OLE2, "rencana-aksi.xls"),
                                            (b"<html><table>", "rencana-aksi.xls"),
                                            (OLE2, "rencana-aksi.xlsx")])  # encrypted .xlsx
def test_old_excel_and_password_protected_workbooks_are_refused_saying_what_to_do(data,
                                                                                  filename):
    assert _refusal(data, filename) == OLD_EXCEL


def test_a_workbook_named_xls_or_csv_by_mistake_is_read():
    assert read_table(_workbook(), "rencana-aksi.xls").rows[0].cells[1] == "Penyusunan SOP"
    assert read_table(_workbook(), "rencana-aksi.csv").sheet == "Rencana Aksi"


def test_a_truncated_workbook_is_damaged():
    data = _workbook()
    assert _refusal(data[: len(data) // 2], "ra.xlsx") == DAMAGED


def test_a_text_file_renamed_xlsx_is_damaged():
    text = f"No;Rencana Aksi;Penanggung Jawab\n1;Penyusunan SOP;{PELLO}\n".encode()
    assert _refusal(text, "rencana-aksi.xlsx") == DAMAGED


def test_a_zip_that_is_no_workbook_is_damaged():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert _refusal(buffer.getvalue(), "ra.xlsx") == DAMAGED


def test_a_sheet_with_broken_xml_is_damaged_even_when_it_breaks_halfway():
    rows = [["No", "Rencana Aksi"]] + [[number, f"Kegiatan {number}"] for number in range(1, 60)]
    data = rewrite_member(xlsx_bytes(simple_workbook(rows)), "xl/worksheets/sheet1.xml",
                          lambda text: text.replace('<row r="50"', '<row r="50"><c r=>'))
    assert _refusal(data, "ra.xlsx") == DAMAGED


def test_a_compressed_bomb_is_refused_before_it_is_unpacked():
    bomb = _bomb(150)
    assert len(bomb) < 1024 * 1024

    assert _refusal(bomb, "ra.xlsx") == (
        "The workbook would unpack to 150 MB, more than the limit of 100 MB: it is refused as "
        "a possible compressed bomb.")
    with pytest.raises(UnreadableFile):
        sheet_names(bomb, "ra.xlsx")


def _sizes(data):
    members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    return (sum(member.file_size for member in members),
            sum(member.compress_size for member in members))


def test_a_workbook_packed_a_thousand_times_is_refused_under_the_size_limit():
    bomb = _bomb(20)
    unpacked, packed = _sizes(bomb)
    assert unpacked < 100 * 1024 * 1024 and unpacked // packed > 100

    assert _refusal(bomb, "ra.xlsx") == (
        f"The workbook would unpack to {unpacked // packed} times its size, more than the "
        "limit of 100 times: it is refused as a possible compressed bomb.")


def test_the_unpacked_limit_is_the_one_passed_in():
    unpacked, _packed = _sizes(_workbook())
    assert _refusal(_workbook(), "ra.xlsx", max_unpacked_bytes=4096) == (
        f"The workbook would unpack to {-(-unpacked // 1024)} KB, more than the limit of 4 KB: "
        "it is refused as a possible compressed bomb.")


def test_a_sheet_lying_about_its_unpacked_size_is_never_unpacked_past_it():
    # The sheet declares only its XML, not the 30 MB of spaces after it: the zip
    # checks pass, and unpacking stops where the sheet said it ends.
    declared = len(zipfile.ZipFile(io.BytesIO(_workbook())).read(SHEET))
    data = bytearray(_bomb(30))
    for signature, size_at, name_length_at, name_at in ((b"PK\x03\x04", 22, 26, 30),
                                                        (b"PK\x01\x02", 24, 28, 46)):
        start = data.find(signature)
        while start != -1:
            (name_length,) = struct.unpack_from("<H", data, start + name_length_at)
            if data[start + name_at:start + name_at + name_length] == SHEET.encode():
                struct.pack_into("<I", data, start + size_at, declared)
            start = data.find(signature, start + 4)
    assert sum(member.file_size for member in zipfile.ZipFile(io.BytesIO(data)).infolist()) < (
        1024 * 1024)

    assert _refusal(bytes(data), "ra.xlsx") == DAMAGED


def test_a_workbook_of_too_many_parts_is_refused():
    buffer = io.BytesIO(_workbook())
    with zipfile.ZipFile(buffer, "a") as archive:
        for number in range(1000):
            archive.writestr(f"xl/media/image{number}.png", b"")
    assert _refusal(buffer.getvalue(), "ra.xlsx") == (
        "The workbook has 1009 parts, more than the limit of 1000.")


def test_a_sheet_of_too_many_merged_cells_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "MAX_MERGES", 3)
    workbook = simple_workbook([["No", "Rencana Aksi", "Area Perubahan"]]
                               + [[number, f"Kegiatan {number}", "Manajemen Perubahan"]
                                  for number in range(1, 10)])
    for top in (2, 4, 6):
        workbook.active.merge_cells(f"C{top}:C{top + 1}")
    assert len(read_table(xlsx_bytes(workbook), "ra.xlsx").rows) == 9

    workbook.active.merge_cells("C8:C9")
    assert _refusal(xlsx_bytes(workbook), "ra.xlsx") == (
        "The sheet has more than 3 merged cells.")


def test_refusals_are_told_in_indonesian(app):
    with app.test_request_context(), force_locale("id"):
        assert _refusal(b"", "ra.xlsx") == "Berkas kosong."
        assert _refusal(_workbook()[:500], "ra.xlsx") == (
            "Berkas rusak atau bukan buku kerja Excel (.xlsx).")
        assert _refusal(_bomb(150), "ra.xlsx") == (
            "Buku kerja ini akan terurai menjadi 150 MB, melebihi batas 100 MB: ditolak karena "
            "mungkin berupa bom kompresi.")
        message = _refusal("Uraian;Jumlah\n".encode(), "ra.csv")
        assert message.startswith("Baris judul kolom tidak ditemukan dalam 30 baris pertama")
        assert "Rencana aksi" in message and "Penanggung Jawab" in message
