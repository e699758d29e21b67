"""Content sniffing, file-name sanitising and link checks, without HTTP."""
import pytest

from rbtasks.errors import ValidationError
from rbtasks.evidence.filetypes import DOCX as DOCX_TYPE
from rbtasks.evidence.filetypes import check_extension, detect_content_type
from rbtasks.evidence.services import clean_url
from rbtasks.evidence.storage import path_for, sanitise_filename
from tests.evidence.conftest import DOCX, ELF, JPEG, MZ, ODT, PDF, PLAIN_ZIP, PNG

pytestmark = pytest.mark.sqlite_only


@pytest.mark.parametrize("head, extension, expected", [
    (PDF, "pdf", "application/pdf"),
    (PNG, "png", "image/png"),
    (JPEG, "jpg", "image/jpeg"),
    (JPEG, "jpeg", "image/jpeg"),
    (DOCX, "docx", DOCX_TYPE),
    (ODT, "odt", "application/vnd.oasis.opendocument.text"),
])
def test_accepted_content_with_a_matching_extension(app, head, extension, expected):
    assert detect_content_type(head, extension) == expected


@pytest.mark.parametrize("head, extension, words", [
    (ELF, "pdf", "ELF"),           # a Linux executable renamed .pdf
    (MZ, "pdf", "EXE"),            # a Windows executable renamed .pdf
    (PLAIN_ZIP, "docx", "ZIP"),    # a zip that is not a Word document
    (PDF, "png", ".png"),          # an accepted type under another type's name
    (DOCX, "xlsx", ".xlsx"),
    (b"just some text\n", "pdf", "not recognised"),
])
def test_refused_content_says_why(app, head, extension, words):
    with pytest.raises(ValidationError) as refused:
        detect_content_type(head, extension)
    assert words in refused.value.message
    assert refused.value.fields["file"] == refused.value.message


@pytest.mark.parametrize("name", ["script.exe", "notes.txt", "page.html", "image.svg", "noextension", ".pdf"])
def test_extensions_off_the_list_are_refused(app, name):
    with pytest.raises(ValidationError) as refused:
        check_extension(name)
    assert "PDF" in refused.value.message  # the message lists what is accepted


def test_extension_check_ignores_case(app):
    assert check_extension("SCAN.PDF") == "pdf"


@pytest.mark.parametrize("raw, expected", [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\x.pdf", "x.pdf"),
    ("C:\\Users\\budi\\Notulen rapat.docx", "Notulen rapat.docx"),
    ("/var/lib/report.pdf", "report.pdf"),
    ("bad\r\nname.pdf", "bad name.pdf"),
    ("nul\x00byte.pdf", "nulbyte.pdf"),
    ("evil\u202egpj.exe", "evilgpj.exe"),   # right-to-left override dropped
    ("  ..hidden.pdf. ", "hidden.pdf"),
    ("Laporan  triwulan\tIII.pdf", "Laporan triwulan III.pdf"),
    ("Daftar hadir – Kupang.pdf", "Daftar hadir – Kupang.pdf"),
    ("..", ""),
    ("", ""),
    (None, ""),
])
def test_sanitised_names_keep_only_a_plain_last_component(raw, expected):
    assert sanitise_filename(raw) == expected


def test_long_names_are_cut_but_keep_their_extension():
    name = sanitise_filename("a" * 400 + ".pdf")
    assert len(name) == 200 and name.endswith(".pdf")


@pytest.mark.parametrize("stored_name", ["../x", "0" * 31, "g" * 32, "/etc/passwd", None])
def test_only_generated_names_map_to_a_path(app, stored_name):
    with pytest.raises(ValueError):
        path_for(stored_name)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "ftp://files.go.id/a",
    "file:///etc/passwd", "https://", "http:///path-only", "//no-scheme.go.id/x",
    "https://user:secret@ntt.go.id/", "https://ntt.go.id/a b", "https://ntt.go.id/\r\nX: y",
    "https://[not-an-ip/", "https://ntt.go.id:99999/", "", "https://ntt.go.id/" + "a" * 2000,
])
def test_links_other_than_http_with_a_host_are_refused(app, url):
    _cleaned, error = clean_url(url)
    assert error


@pytest.mark.parametrize("url", ["https://jdih.nttprov.go.id/sk/2026/12.pdf",
                                 "http://10.1.2.3:8080/notulen?id=4#hal-2", " https://ntt.go.id "])
def test_http_links_with_a_host_are_accepted(app, url):
    cleaned, error = clean_url(url)
    assert error is None and cleaned == url.strip()
