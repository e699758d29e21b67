"""Evidence fixtures: a private storage folder per test, sample files, and a cast.

The sample files are real enough for content sniffing: a minimal PDF, a
1×1 PNG with correct chunk checksums, a JPEG header, and OOXML/ODF zips
laid out the way Word and LibreOffice write them.
"""
import io
import struct
import zipfile
import zlib
from contextlib import contextmanager

import pytest

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 54


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


PNG = (b"\x89PNG\r\n\x1a\n"
       + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
       + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
       + _png_chunk(b"IEND", b""))
JPEG = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + b"\x00" * 40 + b"\xff\xd9")


def _zip(entries, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


# filetype recognises OOXML by "[Content_Types].xml" first and a "word/" entry soon after.
_OOXML = "http://schemas.openxmlformats.org"
DOCX = _zip([
    ("[Content_Types].xml", f'<Types xmlns="{_OOXML}/package/2006/content-types"/>'),
    ("word/document.xml", f'<w:document xmlns:w="{_OOXML}/wordprocessingml/2006/main"/>'),
])
# ODF: an uncompressed "mimetype" entry first, as the standard requires.
ODT = _zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<x/>")],
           zipfile.ZIP_STORED)
PLAIN_ZIP = _zip([("notes.txt", "hello")])


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path):
    """Every test stores its files in its own temporary folder, never the repo's."""
    folder = tmp_path / "evidence"
    previous = app.config.get("RBTASKS_EVIDENCE_DIR")
    app.config["RBTASKS_EVIDENCE_DIR"] = str(folder)
    yield folder
    app.config["RBTASKS_EVIDENCE_DIR"] = previous


def stored_files(folder):
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


@contextmanager
def config_value(app, name, value):
    previous = app.config[name]
    app.config[name] = value
    try:
        yield
    finally:
        app.config[name] = previous


@pytest.fixture
def cast(make_user, make_pokja, make_agency, make_item):
    """An item with its owner, the pokja's coordinator, a fellow pokja member who
    can see but not change it, an outsider who cannot see it, and an admin."""
    agency = make_agency()
    people = {
        "owner": make_user(role="member", agency=agency),
        "coordinator": make_user(role="coordinator"),
        "pokja_member": make_user(role="member"),
        "outsider": make_user(role="member"),
        "admin": make_user(role="admin"),
    }
    pokja = make_pokja(coordinators=[people["coordinator"]],
                       members=[people["owner"], people["pokja_member"]])
    make_pokja(members=[people["outsider"]])
    item = make_item(pokja=pokja, agency=agency, owner=people["owner"], status="in_progress")
    return {"item": item, "pokja": pokja, **people}
