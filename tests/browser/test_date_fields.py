"""Date fields say which order they expect, whatever the browser's own language: an
Indonesian page in a browser set to American English still asks for hh/bb/tttt."""
from playwright.sync_api import expect


def test_a_coordinator_types_the_due_date_as_day_month_year(
        chromium, live_server, make_user, make_pokja, make_agency):
    agency = make_agency(name="Inspektorat Daerah", code="ITDA")
    coordinator = make_user(role="coordinator", name="Hendrikus Nalle", agency=agency,
                            locale="id")
    pokja = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[coordinator])
    context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{live_server}/login")
        page.locator("input[name=email]").fill(coordinator.email)
        page.locator("input[name=password]").fill("rahasia-123")
        page.locator("form button[type=submit].primary").click()
        page.goto(f"{live_server}/items/new")

        due = page.locator("#due_date")
        expect(due).to_have_attribute("placeholder", "hh/bb/tttt")
        expect(page.locator(".field", has=due)).to_contain_text(
            "Tanggal/bulan/tahun, misalnya 31/12/2026.")
        page.locator("#title").fill("Menyusun laporan PMPRB")
        page.locator("#pokja_id").select_option(str(pokja.id))
        page.locator("#agency_id").select_option(str(agency.id))
        page.locator("#start_date").fill("2/11/2026")
        due.fill("18/12/2026")
        page.locator("form button[type=submit].primary").click()

        expect(page.locator("h1")).to_have_text("Menyusun laporan PMPRB")
        expect(page.locator("dl.facts")).to_contain_text("2 Nov 2026")
        expect(page.locator("dl.facts")).to_contain_text("18 Des 2026")
        page.goto(f"{live_server}/items?due_after=1/12/2026")
        expect(page.locator("#due_after")).to_have_value("01/12/2026")
        expect(page.locator("table.list tbody tr")).to_have_count(1)
    finally:
        context.close()
