"""The minutes as a Word document (``.docx``, python-docx), on A4.

It takes the plain view of :func:`rbtasks.meetings.minutes.content.minutes_of`
and lays out the same sections as the printed page: heading, the meeting's
particulars, the attendance list with a blank signature column, the agenda
and its discussion, each decision with its follow-up table, the evidence
and the signature block. Tables repeat their header row on every page.
"""
import io
import re

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from flask_babel import gettext as _

MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# What XML 1.0 cannot hold: control characters other than tab and newlines,
# lone surrogates and the two non-characters. They are dropped, not refused:
# the minutes of an old meeting must print whatever was typed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text):
    return _NOT_XML.sub("", text or "")


def file_name(minutes):
    return f"notulen-rapat-{minutes.held_on.isoformat()}-{minutes.meeting_id}.docx"


def minutes_document(minutes):
    """The ``.docx`` bytes of the minutes."""
    document = Document()
    _page_setup(document)
    _heading(document, minutes)
    _particulars(document, minutes)
    _attendance(document, minutes)
    _agenda(document, minutes)
    _decisions(document, minutes)
    _evidence(document, minutes)
    _signatures(document, minutes)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document):
    for section in document.sections:
        section.page_height, section.page_width = Mm(297), Mm(210)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)


def _heading(document, minutes):
    for text in (minutes.heading, minutes.title):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(clean(text))
        run.bold = True
        run.font.size = Pt(13)


def _particulars(document, minutes):
    rows = ((_("Day, date"), minutes.day_and_date), (_("Time"), minutes.time),
            (_("Place"), minutes.place), (_("Chair"), minutes.chair),
            (_("Note-taker"), minutes.note_taker))
    table = document.add_table(rows=0, cols=3)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = clean(label), ":", clean(value)
    _widths(table, (Mm(40), Mm(5), Mm(120)))


def _section_title(document, text):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.add_run(clean(text)).bold = True


def _attendance(document, minutes):
    _section_title(document, _("Attendance list"))
    if not minutes.attendees:
        document.add_paragraph(_("No one is recorded as attending."))
        return
    table = _grid(document, (_("No."), _("Name"), _("Institution / agency"), _("Signature")))
    for attendee in minutes.attendees:
        _add_row(table, (str(attendee.number), attendee.name, attendee.agency, ""))
    _widths(table, (Mm(10), Mm(60), Mm(60), Mm(35)))


def _agenda(document, minutes):
    _section_title(document, _("Agenda and discussion"))
    if not minutes.agenda:
        document.add_paragraph(_("No agenda points were recorded."))
        return
    for point in minutes.agenda:
        topic = document.add_paragraph()
        topic.paragraph_format.keep_with_next = True
        topic.add_run(f"{point.number}. {clean(point.topic)}").bold = True
        for lines in point.paragraphs:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Mm(6)
            for index, line in enumerate(lines):
                run = paragraph.add_run(clean(line))
                if index < len(lines) - 1:
                    run.add_break()


def _decisions(document, minutes):
    _section_title(document, _("Decisions"))
    if not minutes.decisions:
        document.add_paragraph(_("No decisions were recorded."))
        return
    for decision in minutes.decisions:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = bool(decision.follow_ups)
        paragraph.add_run(f"{decision.number}. ").bold = True
        paragraph.add_run(clean(decision.text))
        if not decision.follow_ups:
            note = document.add_paragraph(_("No follow-up items yet."))
            note.paragraph_format.left_indent = Mm(6)
            continue
        table = _grid(document, (_("No."), _("Action plan / follow-up"), _("Owner"),
                                 _("Agency"), _("Deadline"), _("Status")))
        for item in decision.follow_ups:
            _add_row(table, (str(item.number), item.title, item.owner, item.agency,
                             item.due_date, item.status))
        _widths(table, (Mm(9), Mm(50), Mm(35), Mm(30), Mm(24), Mm(17)))
        document.add_paragraph()


def _evidence(document, minutes):
    _section_title(document, _("Supporting evidence (data dukung)"))
    if not minutes.evidence:
        document.add_paragraph(_("No supporting evidence is attached."))
        return
    for number, entry in enumerate(minutes.evidence, start=1):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{number}. {clean(entry.kind)}")
        if entry.description:
            paragraph.add_run(f": {clean(entry.description)}")
        paragraph.add_run(f" — {clean(entry.name)}").italic = True


def _signatures(document, minutes):
    place_date = document.add_paragraph(clean(minutes.signed_at))
    place_date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    place_date.paragraph_format.space_before = Pt(18)
    place_date.paragraph_format.keep_with_next = True
    table = document.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    labels, blank, names = table.rows
    labels.cells[0].text, labels.cells[1].text = _("Note-taker"), _("Chair of the meeting")
    blank.height = Mm(22)
    for cell, name in zip(names.cells, (minutes.note_taker, minutes.chair)):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(name)).bold = True
    for row in table.rows:
        _keep_together(row)
        for cell in row.cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _grid(document, headers):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header = table.rows[0]
    for cell, text in zip(header.cells, headers):
        cell.text = ""
        cell.paragraphs[0].add_run(clean(text)).bold = True
        _shade(cell, "DCE6F1")
    _repeat_as_header(header)
    return table


def _add_row(table, values):
    row = table.add_row()
    for cell, value in zip(row.cells, values):
        cell.text = clean(value)
    _keep_together(row)
    return row


def _widths(table, widths):
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def _repeat_as_header(row):
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _keep_together(row):
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _shade(cell, colour):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)
