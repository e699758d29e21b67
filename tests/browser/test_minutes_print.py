"""A meeting's minutes print on A4 portrait: the document only, the "Cetak"
button shown by the page's script, the attendance table within the printed
width with its header repeated, and a PDF that holds text."""
import re
import zlib

from playwright.sync_api import expect

from rbtasks.meetings.models import AgendaPoint, Decision, DecisionItem, MeetingAttendee
from tests.meetings.test_minutes import add_meeting

# A4 portrait less the print stylesheet's margins (25 mm left, 20 mm right), in CSS pixels
PRINTED_WIDTH = round((210 - 45) / 25.4 * 96)


def _text_operators(pdf):
    """How many text-showing operators (Tj, TJ) the PDF's content streams hold."""
    count = 0
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            content = stream
        count += len(re.findall(rb"\bT[jJ]\b", content))
    return count


def test_the_minutes_print_on_a4_portrait(page, live_server, sign_in, db, now, make_user,
                                          make_agency, make_item):
    agency = make_agency(name="Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah")
    reader = make_user(role="coordinator", name="Dr. Maria Bessie, S.Kom., M.T.", agency=agency,
                       locale="id")
    meeting = add_meeting(db, now)
    meeting.attendees = [MeetingAttendee(position=n, name=f"Peserta {n}, S.H., M.H.",
                                         agency_name=agency.name) for n in range(60)]
    meeting.agenda = [AgendaPoint(position=1, topic="Capaian TW III",
                                  discussion="Capaian baru 12,5%.\nPerlu percepatan.")]
    decision = Decision(position=1, text="Seluruh pokja melengkapi data dukung.", created_at=now)
    decision.links = [DecisionItem(item=make_item(title="Unggah data dukung", owner=reader))]
    meeting.decisions = [decision]
    db.session.commit()

    sign_in(reader)
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 900})
    page.goto(f"{live_server}/meetings/{meeting.id}/minutes")
    expect(page.locator(".minutes-heading")).to_have_text(
        "NOTULEN RAPAT MONITORING DAN EVALUASI REFORMASI BIROKRASI")
    expect(page.locator("button[data-print]")).to_have_text("Cetak")
    expect(page.locator("button[data-print]")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator("nav.nav")).to_be_hidden()
    expect(page.locator(".minutes-actions")).to_be_hidden()
    expect(page.locator("table.attendance tbody tr")).to_have_count(60)
    assert page.evaluate("getComputedStyle(document.querySelector('table.attendance thead'))"
                         ".display") == "table-header-group"
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINTED_WIDTH

    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert pdf[:5] == b"%PDF-"
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2  # 60 attendees run over a page
    assert _text_operators(pdf) > 50
