"""The digest as it arrives at a real SMTP server after ``flask rb digest``:
who gets it, for which pokja, the numbers and their change since last week,
the inline chart and the plain-text part."""
import io
import re
from datetime import date

from flask_babel import force_locale, gettext
from PIL import Image

from tests.digest.conftest import MONDAY, WEEK, digests, run_digest, seed_snapshot
from tests.smtp import html_part, text_part as raw_text_part


def text_part(message):
    return raw_text_part(message).replace("\r\n", "\n")


def _line(text, label):
    """The value and the change on the text part's line for ``label``."""
    match = re.search(rf"^{re.escape(label)}: (\d+) \((.*)\)$", text, re.MULTILINE)
    assert match, f"no line for {label!r} in:\n{text}"
    return int(match.group(1)), match.group(2)


def test_leaders_and_coordinators_receive_one_digest_each_for_their_scope(
        runner, db, province, mailbox):
    result = run_digest(runner, "--now", MONDAY)

    received = sorted(address for entry in mailbox.received() for address in entry["to"])
    # The inactive leader, the coordinator who turned it off, the coordinator
    # without a pokja, the admin and the owner receive nothing.
    assert received == ["agnes@nttprov.go.id", "ketua@nttprov.go.id", "maria@nttprov.go.id"]
    assert "planned 3 emails" in result.output
    assert "Delivery: sent 3" in result.output
    assert {row.dedup_key for row in digests(db)} == {
        f"digest:{WEEK}:agnes@nttprov.go.id", f"digest:{WEEK}:ketua@nttprov.go.id",
        f"digest:{WEEK}:maria@nttprov.go.id"}
    assert {row.status for row in digests(db)} == {"sent"}

    leader_text = text_part(mailbox.to("ketua@nttprov.go.id")[0])
    for pokja in ("Pokja Penguatan Pengawasan", "Pokja Manajemen SDM", "Pokja Pelayanan Publik"):
        assert pokja in leader_text
    coordinator_text = text_part(mailbox.to("maria@nttprov.go.id")[0])
    assert "Pokja Penguatan Pengawasan" in coordinator_text
    assert "Pokja Manajemen SDM" not in coordinator_text
    assert "Talenta ASN" not in coordinator_text   # an SDM item


def test_the_coordinators_numbers_and_changes_since_last_weeks_snapshot(
        runner, db, province, mailbox):
    seed_snapshot(db, date(2026, 11, 23), "pokja", province.pengawasan.id, total=4, done=0,
                  in_progress=2, submitted=1, overdue=1, blocked=1, not_started=0)
    # An older snapshot must not count as "last week".
    seed_snapshot(db, date(2026, 11, 16), "pokja", province.pengawasan.id, total=1)

    run_digest(runner, "--now", MONDAY)

    message = mailbox.to("maria@nttprov.go.id")[0]
    assert message["Subject"] == "[RB] Weekly summary 30 Nov 2026 — 2 overdue, 1 done last week"
    text = text_part(message)
    assert _line(text, "Action items") == (5, "+1 since last week")
    assert _line(text, "Done") == (1, "+1 since last week")
    assert _line(text, "In progress") == (1, "−1 since last week")
    assert _line(text, "Waiting for verification") == (1, "±0 since last week")
    assert _line(text, "Overdue") == (2, "+1 since last week")
    assert _line(text, "Blocked") == (1, "±0 since last week")
    # (100 + 40 + 20 + 90 + 0) / 5 items
    assert "Average progress: 50,0%" in text
    assert "Pokja Penguatan Pengawasan: 5 items, 1 done, 2 overdue, average progress 50,0%" \
        in text
    # Agencies by overdue items, with the oldest overdue in working days:
    # SOP due Tue 10 Nov → 14 working days by Mon 30 Nov; Peta due Tue 24 Nov → 4.
    agencies = text.split("== Agencies with overdue items ==")[1].split("==")[0]
    assert agencies.strip().splitlines() == [
        "1. Biro Organisasi: 1 overdue, the oldest 14 working days overdue",
        "2. Inspektorat Daerah: 1 overdue, the oldest 4 working days overdue",
    ]
    assert "Completed last week (23 Nov 2026 – 29 Nov 2026): 1" in text
    assert "Rapat evaluasi — Pokja Penguatan Pengawasan, Inspektorat Daerah " \
           "(completed 25 Nov 2026)" in text
    assert "Became overdue last week: 1" in text
    assert "Peta proses bisnis — Pokja Penguatan Pengawasan, Inspektorat Daerah " \
           "(due 24 Nov 2026)" in text
    assert "Escalated last week: 1" in text
    assert "SOP pengaduan — Pokja Penguatan Pengawasan, Biro Organisasi (Level 1" in text
    assert "Deadlines until 14 Dec 2026: 1" in text
    assert "Fri, 4 Dec 2026: Reviu LHKPN" in text
    assert "Survei kepuasan" not in text   # due 20 Dec: after the 14 days


def test_the_leaders_numbers_cover_the_whole_plan(runner, db, province, mailbox):
    seed_snapshot(db, date(2026, 11, 23), "all", total=7, done=1, in_progress=3, submitted=0,
                  overdue=1, blocked=1)
    run_digest(runner, "--now", MONDAY)

    message = mailbox.to("ketua@nttprov.go.id")[0]
    text = text_part(message)
    with force_locale("id"):
        labels = {key: gettext(msgid) for key, msgid in (
            ("total", "Action items"), ("done", "Done"), ("in_progress", "In progress"),
            ("submitted", "Waiting for verification"), ("overdue", "Overdue"),
            ("blocked", "Blocked"))}
        since = {change: gettext("%(change)s since last week", change=change)
                 for change in ("+2", "+1", "−1", "±0")}
        target = gettext("target %(target)s (%(grade)s)", target="71,00", grade="BB")
        subject = gettext(
            "[RB] Weekly summary %(date)s — %(overdue)d overdue, %(done)d done last week",
            date="30 Nov 2026", overdue=3, done=1)
    assert message["Subject"] == subject
    assert _line(text, labels["total"]) == (9, since["+2"])
    assert _line(text, labels["done"]) == (2, since["+1"])
    assert _line(text, labels["in_progress"]) == (2, since["−1"])
    assert _line(text, labels["submitted"]) == (1, since["+1"])
    assert _line(text, labels["overdue"]) == (3, since["+2"])
    assert _line(text, labels["blocked"]) == (1, since["±0"])
    # Indonesian numbers: a decimal comma. (100+40+20+90+0+50+0+100)/8, cancelled left out.
    assert "50,0%" in text
    # The RB index history against its target, with grades.
    for expected in ("2017: 61,65 (B)", "2018: 60,15 (B)", "2019: 60,37 (B)",
                     f"2021: {target}"):
        assert expected in text.splitlines()


def test_without_last_weeks_snapshot_the_change_is_not_invented(runner, db, province,
                                                                 mailbox):
    run_digest(runner, "--now", MONDAY)
    text = text_part(mailbox.to("maria@nttprov.go.id")[0])
    assert _line(text, "Overdue") == (2, "no figure for last week")
    assert "since last week" not in text


def test_the_chart_is_an_inline_png_referenced_from_the_html(runner, db, province, mailbox):
    run_digest(runner, "--now", MONDAY)

    message = mailbox.to("maria@nttprov.go.id")[0]
    images = [part for part in message.walk() if part.get_content_type() == "image/png"]
    assert len(images) == 1
    image = images[0]
    content_id = image["Content-ID"].strip("<>")
    assert image.get_content_disposition() == "inline"
    data = image.get_content()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(data)) as picture:
        picture.verify()
        assert picture.format == "PNG" and picture.size[0] >= 600
    html = html_part(message)
    tag = re.search(r'<img src="cid:([^"]+)" alt="([^"]+)"', html)
    assert tag, html
    assert tag.group(1) == content_id
    # The alt text carries the chart's numbers for readers without images.
    assert "Pokja Penguatan Pengawasan: 5 items, 1 done, 2 overdue" in tag.group(2)


def test_the_html_links_every_number_to_the_item_list(runner, db, province, mailbox):
    run_digest(runner, "--now", MONDAY)
    html = html_part(mailbox.to("maria@nttprov.go.id")[0])
    pokja = province.pengawasan.id
    assert f'href="http://rbtasks.test/items?pokja_id={pokja}&amp;overdue=1"><strong>2<' in html
    assert f'href="http://rbtasks.test/items?pokja_id={pokja}"><strong>5<' in html


def test_a_coordinator_who_turned_it_off_gets_none_and_one_who_turns_it_on_does(
        runner, db, province, mailbox):
    from rbtasks.digest.services import set_digest_preference

    set_digest_preference(province.coordinator, False)
    set_digest_preference(province.quiet_coordinator, True)
    db.session.commit()
    run_digest(runner, "--now", MONDAY)
    assert mailbox.to("maria@nttprov.go.id") == []
    text = text_part(mailbox.to("yosef@nttprov.go.id")[0])
    assert "Pokja Manajemen SDM" in text and "Pokja Penguatan Pengawasan" not in text


def test_user_data_is_escaped_in_the_html(runner, db, province, make_item, mailbox):
    make_item(title="<script>alert(1)</script> & co", pokja=province.pengawasan,
              agency=province.biro, status="not_started", due_date=date(2026, 12, 2))
    run_digest(runner, "--now", MONDAY)
    html = html_part(mailbox.to("maria@nttprov.go.id")[0])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html
