"""The item list, an item and the dashboard print cleanly on A4 landscape: no navigation,
filters or forms, and every table within the printed width."""
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

# A4 landscape less the 12 mm margins of the print stylesheet, in CSS pixels (96 per inch).
PRINTED_WIDTH = round((297 - 2 * 12) / 25.4 * 96)
AGENCY = "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah"


@pytest.fixture
def plan(make_user, make_pokja, make_agency, make_item, db, now):
    from rbtasks.items.services import add_comment

    agency = make_agency(name=AGENCY, code="BAPPELITBANGDA")
    coordinator = make_user(role="coordinator", name="Hendrikus Nalle", agency=agency, locale="id")
    owner = make_user(name="Dr. Maria Bessie, S.Kom., M.T.", agency=agency)
    pokja = make_pokja(name="Pokja Peningkatan Kualitas Pelayanan Publik",
                       coordinators=[coordinator])
    items = [make_item(
        pokja=pokja, agency=agency, owner=owner, status=status, progress=progress,
        due_date=date(2026, 11, 20) + timedelta(days=7 * number), budget=15_000_000,
        title=f"Mengintegrasikan kanal pengaduan masyarakat dengan SP4N-LAPOR! tahap {number}",
        output="Kanal pengaduan terintegrasi dan laporan tindak lanjut per triwulan")
        for number, (status, progress) in enumerate(
            [("in_progress", 40), ("submitted", 100), ("not_started", 0), ("blocked", 15)])]
    add_comment(coordinator, items[0], "Mohon lampirkan notulen rapat koordinasi.", now)
    db.session.commit()
    return {"coordinator": coordinator, "item": items[0]}


def _printed(page):
    page.emulate_media(media="print")
    expect(page.locator("nav.nav")).to_be_hidden()
    for control in page.locator("main form, main button, main summary, main a.button").all():
        expect(control).to_be_hidden()
    overflow = page.evaluate("""() => [...document.querySelectorAll('table')]
        .filter(table => table.getBoundingClientRect().right > document.documentElement.clientWidth
                         || table.scrollWidth > table.parentElement.clientWidth)
        .map(table => table.getBoundingClientRect().width)""")
    assert overflow == [], "a table is wider than the page"
    assert page.evaluate("document.documentElement.scrollWidth") <= PRINTED_WIDTH
    assert page.pdf(format="A4", landscape=True)[:5] == b"%PDF-"


@pytest.mark.parametrize("path", ["/items", "/dashboard", "/items/{item}"])
def test_pages_print_without_navigation_or_forms(page, live_server, sign_in, plan, path):
    sign_in(plan["coordinator"])
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 800})
    page.goto(live_server + path.format(item=plan["item"].id))
    expect(page.locator("main h1").first).to_be_visible()
    if path == "/items":
        expect(page.locator("form.filters")).to_be_visible()

    _printed(page)

    expect(page.locator("main h1").first).to_be_visible()
    if path == "/items":
        expect(page.locator("form.filters")).to_be_hidden()
        expect(page.locator("table.list tbody tr")).to_have_count(4)
