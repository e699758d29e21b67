"""Small PDF documents for the demo's evidence (notulen, laporan, SK).

A demo user who opens a done item's evidence should get a real file that any
PDF viewer shows, not a placeholder. One A4 page of plain text in Helvetica
is enough, and needs no PDF library: the format is written out directly.
"""
import textwrap
from io import BytesIO

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
LINE_LENGTH = 90  # characters of 10-point Helvetica across the page, roughly


def _escape(text):
    """Text as a PDF string literal (Helvetica's WinAnsi covers Indonesian)."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return escaped.encode("cp1252", errors="replace")


def pdf_document(title, lines):
    """The bytes of a one-page PDF with ``title`` in bold over ``lines``
    (long lines are wrapped; an empty line leaves a gap)."""
    content = b"BT /F2 14 Tf %d %d Td (%s) Tj /F1 10 Tf 0 -10 Td 14 TL" % (
        MARGIN, PAGE_HEIGHT - MARGIN - 14, _escape(title))
    for line in lines:
        for part in textwrap.wrap(line, LINE_LENGTH) or [""]:
            content += b" (%s) '" % _escape(part)
    content += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>" % (PAGE_WIDTH, PAGE_HEIGHT),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        b"/Encoding /WinAnsiEncoding >>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()
