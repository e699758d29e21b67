"""A coordinator answers the issue's example instrument on the worksheet in
real Chromium (on a phone-sized screen), sees the estimated index computed,
and turns the largest gap into an action item in one step."""
import re

import sqlalchemy as sa
from playwright.sync_api import expect

from tests.pmprb.instrument_files import example


def test_answer_the_worksheet_and_make_the_gap_an_item(page, live_server, sign_in, db,
                                                       make_user, make_agency, make_area,
                                                       make_pokja, now):
    from rbtasks.checks import SYSTEM
    from rbtasks.pmprb import assessments, instruments
    from rbtasks.pmprb.models import GapItem

    inspektorat = make_agency(name="Inspektorat Daerah", code="INSP")
    coordinator = make_user(role="coordinator", name="Hendrikus Nalle, S.E.",
                            agency=inspektorat, locale="id")
    owner = make_user(name="Oktavianus Pello, S.H., M.H.", agency=inspektorat)
    pokja = make_pokja(name="Pokja Penguatan Pengawasan",
                       area=make_area(name="Penguatan Pengawasan"),
                       coordinators=[coordinator], members=[owner], lead_agency=inspektorat)
    mapping = example()
    mapping["components"][0]["children"][0]["area"] = "Penguatan Pengawasan"
    instrument = instruments.load_instrument(SYSTEM, mapping, now=now).instrument
    assessment = assessments.create_assessment(
        coordinator, {"instrument_id": instrument.id, "year": 2026, "agency_id": None}, now)
    db.session.commit()
    nodes = {node.code: node.id for node in instrument.nodes}
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)

    sign_in(coordinator)
    page.goto(f"{live_server}/pmprb/assessments/{assessment.id}")
    expect(page.locator("#estimated-index")).to_contain_text("0,00")
    page.locator(f"#self-{nodes['A.1.1']}").select_option(label="Ya")
    page.locator(f"#self-{nodes['A.1.2']}").fill("62,5")
    page.get_by_role("button", name="Simpan jawaban").click()

    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("#estimated-index")).to_contain_text("16,25")
    gap = page.locator('[id="gap-A.1.2"]')
    expect(gap).to_contain_text("3,75")
    gap.locator("summary").click()
    form = gap.locator("form")
    expect(form.locator("select[name$='-pokja_id']")).to_have_value(str(pokja.id))
    form.locator("select[name$='-owner_id']").select_option(label=owner.name)
    form.locator("input[name$='-due_date']").fill("31/12/2026")
    form.get_by_role("button", name="Jadikan rencana aksi").click()

    expect(page).to_have_url(re.compile(r"/items/\d+$"))
    expect(page.locator("main")).to_contain_text("Tindak lanjut PMPRB A.1.2")
    db.session.expire_all()
    link = db.session.scalar(sa.select(GapItem))
    assert link.item.owner_id == owner.id and link.item.pokja_id == pokja.id
    page.goto(f"{live_server}/pmprb/assessments/{assessment.id}")
    expect(page.locator('[id="gap-A.1.2"] a')).to_contain_text("Tindak lanjut PMPRB A.1.2")
    assert violations == []
