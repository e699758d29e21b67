"""A coordinator records a decision with two follow-up items from the meeting
page in real Chromium: a third item row added by the page's script, the
items created and shown under the decision."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from playwright.sync_api import expect


def test_a_decision_with_two_items_from_the_meeting_page(page, live_server, sign_in, db,
                                                         make_user, make_agency, make_pokja,
                                                         now):
    from rbtasks.meetings.models import Decision
    from rbtasks.meetings.services import record_meeting

    biro = make_agency(name="Biro Organisasi", code="BIRO-ORG")
    coord = make_user(role="coordinator", name="Agustinus Tefa", agency=biro, locale="id")
    kolo = make_user(name="Ignasius Kolo", agency=biro)
    pello = make_user(name="Oktavianus Pello, S.H., M.H.", agency=biro)
    pokja = make_pokja(name="Pokja Penataan Tatalaksana", coordinators=[coord],
                       members=[kolo, pello])
    meeting = record_meeting(coord, {
        "title": "Rapat Monev Triwulan IV",
        "held_at": datetime(2026, 12, 7, 9, tzinfo=timezone(timedelta(hours=8)))}, now)
    db.session.commit()
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)

    sign_in(coord)
    page.goto(f"{live_server}/meetings/{meeting.id}")
    expect(page.locator("main")).to_contain_text("Senin, 7 Desember 2026 09.00 WITA")
    form = page.locator("#add-decision")
    expect(form.locator("[data-row]")).to_have_count(3)
    form.get_by_role("button", name="Tambah baris tindak lanjut").click()
    expect(form.locator("[data-row]")).to_have_count(4)

    form.get_by_label("Kesepakatan").fill("Seluruh SOP dipetakan ulang sebelum evaluasi RB.")
    for index, (title, owner, due) in enumerate([
            ("Pemetaan ulang SOP", "Ignasius Kolo", "31/12/2026"),
            ("Reviu SOP oleh Inspektorat", "Oktavianus Pello, S.H., M.H.", "29/01/2027")]):
        form.locator(f"#items-{index}-title").fill(title)
        form.locator(f"#items-{index}-pokja_id").select_option(label=pokja.name)
        form.locator(f"#items-{index}-agency_id").select_option(label="Biro Organisasi")
        form.locator(f"#items-{index}-owner_id").select_option(
            label=f"{owner} — Biro Organisasi")
        form.locator(f"#items-{index}-due_date").fill(due)
    form.get_by_role("button", name="Simpan kesepakatan").click()

    expect(page.locator(".flash-success")).to_be_visible()
    decision = page.locator("article.decision")
    expect(decision).to_contain_text("Seluruh SOP dipetakan ulang sebelum evaluasi RB.")
    expect(decision.locator("tbody tr")).to_have_count(2)
    expect(decision).to_contain_text("Oktavianus Pello, S.H., M.H.")
    expect(page.locator("#follow-up-rate")).to_contain_text("0 dari 1 kesepakatan")
    db.session.expire_all()
    stored = db.session.scalar(sa.select(Decision))
    assert sorted(link.item.title for link in stored.links) == [
        "Pemetaan ulang SOP", "Reviu SOP oleh Inspektorat"]
    assert violations == []
