"""The minutes (notulen) of a monev meeting: what a reader sees on the printed
page and in the .docx, in their language; who may read them; what they cost."""
import io
import re
from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest
from docx import Document
from flask_babel import force_locale

from rbtasks.evidence.models import Evidence
from rbtasks.meetings.minutes.content import minutes_of, paragraphs
from rbtasks.meetings.models import AgendaPoint, Decision, DecisionItem, Meeting, MeetingAttendee
from tests.queries import counting_queries

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HELD_AT = datetime(2026, 12, 7, 1, 0, tzinfo=timezone.utc)  # Monday 09.00 WITA
CHAIR = "Drs. Yohanes Tukan, M.Si."
NOTE_TAKER = "Maria Goreti Bunga, S.E."
DISCUSSION = ("Capaian TW III baru 12,5% dari target.\nPokja diminta mempercepat.\n\n"
              "Catatan: <script>alert('x')</script> & data dukung belum lengkap.")


def add_meeting(db, now, **overrides):
    values = {"title": "Rapat Monev Rencana Aksi RB Triwulan IV", "held_at": HELD_AT,
              "place": "Ruang Rapat Biro Organisasi Setda NTT, Kupang", "chair": CHAIR,
              "note_taker": NOTE_TAKER, "created_at": now, "updated_at": now}
    meeting = Meeting(**{**values, **overrides})
    db.session.add(meeting)
    db.session.commit()
    return meeting


@pytest.fixture
def recorded(db, now, make_user, make_agency, make_pokja, make_item):
    """A meeting with three attendees (a guest among them), one agenda point,
    two decisions (the first followed up by two items and a deleted one) and
    two pieces of evidence."""
    biro = make_agency(name="Biro Organisasi Setda Provinsi NTT")
    inspektorat = make_agency(name="Inspektorat Daerah Provinsi NTT")
    maria = make_user(name="Dr. Maria Bessie, S.Kom., M.T.", agency=biro, role="coordinator",
                      locale="id")
    oktavianus = make_user(name="Oktavianus Pello, S.H., M.H.", agency=inspektorat,
                           locale="en")
    pokja = make_pokja(coordinators=[maria], members=[oktavianus])
    meeting = add_meeting(db, now)
    # positions, not the order of insertion, decide the list
    meeting.attendees = [
        MeetingAttendee(position=3, user=oktavianus),
        MeetingAttendee(position=1, user=maria),
        MeetingAttendee(position=2, name="Ir. Stefanus Manek, M.T.",
                        agency_name="BPKP Perwakilan Provinsi NTT"),
    ]
    meeting.agenda = [AgendaPoint(position=1, topic="Capaian rencana aksi TW III",
                                  discussion=DISCUSSION)]
    complete = Decision(position=1, text="Seluruh pokja melengkapi data dukung.",
                        created_at=now)
    schedule = Decision(position=2, text="Inspektorat menyusun jadwal PMPRB 2027.",
                        created_at=now)
    meeting.decisions = [complete, schedule]
    first = make_item(title="Unggah data dukung TW III", pokja=pokja, agency=biro, owner=maria,
                      due_date=date(2026, 12, 31), status="in_progress")
    second = make_item(title="Reviu data dukung pokja", pokja=pokja, agency=inspektorat,
                       owner=oktavianus, due_date=date(2027, 1, 15), status="done")
    deleted = make_item(title="Butir yang dihapus", pokja=pokja, agency=biro, owner=maria,
                        deleted_at=now)
    complete.links = [DecisionItem(item=first), DecisionItem(item=second),
                      DecisionItem(item=deleted)]
    db.session.add_all([
        Evidence(meeting_id=meeting.id, kind="daftar_hadir", description="Daftar hadir",
                 stored_name="a" * 32, original_name="daftar-hadir.pdf",
                 content_type="application/pdf", size_bytes=10, added_at=now),
        Evidence(meeting_id=meeting.id, kind="foto", description="Foto kegiatan",
                 url="https://ntt.go.id/rb/foto-rapat", added_at=now)])
    db.session.commit()
    return SimpleNamespace(meeting=meeting, maria=maria, oktavianus=oktavianus)


def read_docx(response):
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == DOCX_TYPE
    return Document(io.BytesIO(response.get_data()))


def rows_of(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def text_of(document):
    """Every line a reader sees: the paragraphs, then every table's cells."""
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in rows_of(table):
            lines.extend(row)
    return "\n".join(lines)


def table_headed(document, first_cells):
    for table in document.tables:
        if rows_of(table)[0][:len(first_cells)] == first_cells:
            return table
    raise AssertionError(f"no table headed {first_cells}")


def visible_text(html):
    """The page's text as a reader sees it (tags gone, entities kept)."""
    body = html.split('<article class="minutes">', 1)[1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


# ---- the .docx ---------------------------------------------------------------------

def test_the_docx_reads_as_the_minutes_in_indonesian(recorded, api):
    meeting = recorded.meeting
    response = api(recorded.maria).get(f"/api/v1/meetings/{meeting.id}/minutes.docx")
    document = read_docx(response)
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="notulen-rapat-2026-12-07-{meeting.id}.docx"')

    heading, title = (p.text for p in document.paragraphs[:2])
    assert heading == "NOTULEN RAPAT MONITORING DAN EVALUASI REFORMASI BIROKRASI"
    assert title == "Rapat Monev Rencana Aksi RB Triwulan IV"
    assert rows_of(document.tables[0]) == [
        ["Hari, tanggal", ":", "Senin, 7 Desember 2026"], ["Waktu", ":", "09.00 WITA"],
        ["Tempat", ":", "Ruang Rapat Biro Organisasi Setda NTT, Kupang"],
        ["Pimpinan rapat", ":", CHAIR], ["Notulis", ":", NOTE_TAKER]]

    attendance = table_headed(document, ["No", "Nama"])
    assert rows_of(attendance) == [
        ["No", "Nama", "Instansi/Perangkat Daerah", "Tanda tangan"],
        ["1", "Dr. Maria Bessie, S.Kom., M.T.", "Biro Organisasi Setda Provinsi NTT", ""],
        ["2", "Ir. Stefanus Manek, M.T.", "BPKP Perwakilan Provinsi NTT", ""],
        ["3", "Oktavianus Pello, S.H., M.H.", "Inspektorat Daerah Provinsi NTT", ""]]
    assert 'w:tblHeader w:val="true"' in attendance.rows[0]._tr.xml  # repeats on every page

    text = text_of(document)
    assert "1. Seluruh pokja melengkapi data dukung." in text
    assert "2. Inspektorat menyusun jadwal PMPRB 2027." in text
    follow_ups = table_headed(document, ["No", "Rencana aksi / tindak lanjut"])
    assert rows_of(follow_ups) == [
        ["No", "Rencana aksi / tindak lanjut", "Penanggung jawab", "Perangkat Daerah",
         "Batas Waktu", "Status"],
        ["1", "Unggah data dukung TW III", "Dr. Maria Bessie, S.Kom., M.T.",
         "Biro Organisasi Setda Provinsi NTT", "31 Desember 2026", "Berjalan"],
        ["2", "Reviu data dukung pokja", "Oktavianus Pello, S.H., M.H.",
         "Inspektorat Daerah Provinsi NTT", "15 Januari 2027", "Selesai"]]
    assert "Butir yang dihapus" not in text
    assert "Belum ada rencana aksi tindak lanjut." in text  # the second decision

    lines = [p.text for p in document.paragraphs]
    assert "1. Capaian rencana aksi TW III" in lines
    assert ("Capaian TW III baru 12,5% dari target.\nPokja diminta mempercepat." in lines)
    assert "Catatan: <script>alert('x')</script> & data dukung belum lengkap." in lines
    assert "1. Daftar hadir: Daftar hadir — daftar-hadir.pdf" in lines
    assert "2. Foto: Foto kegiatan — https://ntt.go.id/rb/foto-rapat" in lines

    assert "Kupang, 7 Desember 2026" in lines
    assert rows_of(document.tables[-1]) == [["Notulis", "Pimpinan Rapat"], ["", ""],
                                            [NOTE_TAKER, CHAIR]]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4


def test_the_page_download_is_the_same_document(recorded, login):
    client = login(recorded.maria)
    response = client.get(f"/meetings/{recorded.meeting.id}/minutes.docx")
    document = read_docx(response)
    assert "attachment" in response.headers["Content-Disposition"]
    assert document.paragraphs[1].text == "Rapat Monev Rencana Aksi RB Triwulan IV"
    assert rows_of(table_headed(document, ["No", "Nama"]))[2][1] == "Ir. Stefanus Manek, M.T."


def test_english_readers_get_english_minutes(recorded, api):
    meeting = recorded.meeting
    document = read_docx(api(recorded.oktavianus).get(
        f"/api/v1/meetings/{meeting.id}/minutes.docx"))
    assert document.paragraphs[0].text == (
        "MINUTES OF THE MONITORING AND EVALUATION MEETING OF BUREAUCRATIC REFORM")
    assert rows_of(document.tables[0])[:2] == [["Day, date", ":", "Monday, 7 December 2026"],
                                               ["Time", ":", "09:00 WITA"]]
    assert rows_of(table_headed(document, ["No.", "Name"]))[0] == [
        "No.", "Name", "Institution / agency", "Signature"]
    follow_ups = rows_of(table_headed(document, ["No.", "Action plan / follow-up"]))
    assert follow_ups[1][4:] == ["31 December 2026", "In progress"]


def test_characters_xml_cannot_hold_are_dropped(db, now, make_user, api):
    reader = make_user(locale="id")
    meeting = add_meeting(db, now, title="Rapat\x0b monev\x1b")
    meeting.agenda = [AgendaPoint(position=1, topic="Topik\x01", discussion="Baris\x07 satu")]
    db.session.commit()
    document = read_docx(api(reader).get(f"/api/v1/meetings/{meeting.id}/minutes.docx"))
    lines = [p.text for p in document.paragraphs]
    assert "Rapat monev" in lines and "1. Topik" in lines and "Baris satu" in lines


def test_a_meeting_with_nothing_recorded_still_renders(db, now, make_user, api, login):
    reader = make_user(locale="id")
    meeting = add_meeting(db, now, place="", chair="", note_taker="")
    document = read_docx(api(reader).get(f"/api/v1/meetings/{meeting.id}/minutes.docx"))
    text = text_of(document)
    for empty in ("Tidak ada peserta yang tercatat hadir.", "Tidak ada agenda yang tercatat.",
                  "Tidak ada kesepakatan yang tercatat.", "Tidak ada data dukung yang dilampirkan."):
        assert empty in text
    assert "7 Desember 2026" in [p.text for p in document.paragraphs]  # no ", " before
    page = login(reader).get(f"/meetings/{meeting.id}/minutes")
    assert page.status_code == 200
    assert "Tidak ada kesepakatan yang tercatat." in page.get_data(as_text=True)


# ---- the printable page ----------------------------------------------------------------

def test_the_page_shows_the_same_minutes(recorded, login):
    meeting = recorded.meeting
    response = login(recorded.maria).get(f"/meetings/{meeting.id}/minutes")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    text = visible_text(html)
    for expected in ("NOTULEN RAPAT MONITORING DAN EVALUASI REFORMASI BIROKRASI",
                     "Senin, 7 Desember 2026", "09.00 WITA", "Pimpinan rapat", CHAIR,
                     "Notulis", NOTE_TAKER, "Instansi/Perangkat Daerah", "Tanda tangan",
                     "Unggah data dukung TW III", "31 Desember 2026", "Berjalan",
                     "15 Januari 2027", "Selesai", "Belum ada rencana aksi tindak lanjut.",
                     "Kupang, 7 Desember 2026",
                     "Pimpinan Rapat", "daftar-hadir.pdf", "https://ntt.go.id/rb/foto-rapat"):
        assert expected in text, expected
    people = [text.index(name) for name in ("Dr. Maria Bessie, S.Kom., M.T.",
                                            "Ir. Stefanus Manek, M.T.",
                                            "Oktavianus Pello, S.H., M.H.")]
    assert people == sorted(people)
    assert "BPKP Perwakilan Provinsi NTT" in text
    assert "Butir yang dihapus" not in text
    # line breaks and paragraphs kept; the discussion shown as text, never run
    assert "Capaian TW III baru 12,5% dari target.<br>Pokja diminta mempercepat.</p><p>" in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; data dukung" in html
    # the print button, the .docx link and the A4 print stylesheet
    assert 'data-print hidden>Cetak</button>' in html
    assert f'href="/meetings/{meeting.id}/minutes.docx"' in html
    assert "/meetings/minutes/static/minutes.css" in html


def test_the_print_stylesheet_is_a4_with_repeated_headers(client):
    css = client.get("/meetings/minutes/static/minutes.css").get_data(as_text=True)
    assert "size: A4 portrait" in css
    assert "display: table-header-group" in css
    assert ".topbar, .minutes-actions" in css


# ---- who reads them ----------------------------------------------------------------------

def test_the_file_is_named_after_the_day_in_wita(db, now, make_user, api):
    meeting = add_meeting(db, now, held_at=datetime(2026, 12, 6, 17, 30, tzinfo=timezone.utc))
    response = api(make_user(locale="id")).get(f"/api/v1/meetings/{meeting.id}/minutes.docx")
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="notulen-rapat-2026-12-07-{meeting.id}.docx"')
    assert response.headers["Cache-Control"] == "private, no-store"
    document = read_docx(response)
    assert rows_of(document.tables[0])[:2] == [["Hari, tanggal", ":", "Senin, 7 Desember 2026"],
                                               ["Waktu", ":", "01.30 WITA"]]


def test_signed_out_readers_sign_in_first(db, now, client):
    meeting = add_meeting(db, now)
    for url in (f"/meetings/{meeting.id}/minutes", f"/meetings/{meeting.id}/minutes.docx"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.get(f"/api/v1/meetings/{meeting.id}/minutes.docx").status_code == 401


def test_a_meeting_that_does_not_exist_is_404(db, now, make_user, api, login):
    reader = make_user()
    assert api(reader).get("/api/v1/meetings/987654/minutes.docx").status_code == 404
    client = login(reader)
    assert client.get("/meetings/987654/minutes").status_code == 404
    assert client.get("/meetings/987654/minutes.docx").status_code == 404


# ---- the plain view and its cost ---------------------------------------------------------------

def test_discussion_keeps_paragraphs_and_lines():
    assert paragraphs("satu\r\ndua\n\n\n  \ntiga\n") == [["satu", "dua"], ["tiga"]]
    assert paragraphs("") == []


def test_a_guest_whose_account_is_gone_keeps_the_name_written(app, db, now):
    meeting = add_meeting(db, now)
    meeting.attendees = [MeetingAttendee(position=1, name="Yosef Nae Soi", agency_name="")]
    db.session.commit()
    with app.test_request_context(), force_locale("id"):
        minutes = minutes_of(meeting, now)
    assert [(a.number, a.name, a.agency) for a in minutes.attendees] == [
        (1, "Yosef Nae Soi", "")]
    assert minutes.printed_at == "25 November 2026 10.00 WITA"


def _add_meeting_of_size(db, now, users, items, attendees, decisions):
    meeting = add_meeting(db, now)
    meeting.attendees = [MeetingAttendee(position=n, user=users[n % len(users)])
                         if n < len(users) else
                         MeetingAttendee(position=n, name=f"Tamu {n}", agency_name="BPKP")
                         for n in range(attendees)]
    meeting.decisions = [Decision(position=n, text=f"Kesepakatan {n}", created_at=now,
                                  links=[DecisionItem(item=items.pop())
                                         for _ in range(min(3, len(items)))])
                         for n in range(decisions)]
    meeting.agenda = [AgendaPoint(position=n, topic=f"Topik {n}", discussion="Bahas")
                      for n in range(decisions)]
    db.session.commit()
    db.session.add(Evidence(meeting_id=meeting.id, kind="foto", url="https://ntt.go.id/f",
                            added_at=now))
    db.session.commit()
    return meeting.id


@pytest.mark.real_commits
def test_the_minutes_cost_the_same_for_a_small_and_a_large_meeting(
        app, db, now, make_user, make_agency, make_pokja, make_item, api):
    reader = make_user(locale="id")
    client = api(reader)
    users = [make_user(agency=make_agency()) for _ in range(4)]
    pokja = make_pokja()
    items = [make_item(pokja=pokja, owner=users[n % 4], agency=users[n % 4].agency)
             for n in range(33)]
    small = _add_meeting_of_size(db, now, users[:2], items[:3], attendees=2, decisions=1)
    large = _add_meeting_of_size(db, now, users, items[3:], attendees=25, decisions=10)
    db.session.remove()

    def statements(meeting_id):
        with counting_queries(db.engine) as sent:
            response = client.get(f"/api/v1/meetings/{meeting_id}/minutes.docx")
        assert response.status_code == 200
        return len(sent)

    statements(small)  # the first request warms what every request shares
    assert statements(small) == statements(large)
