"""A coordinator signs in, creates an item and finds it in the filtered list — in real Chromium, on a phone-sized screen."""
import re

from playwright.sync_api import expect


def test_coordinator_creates_an_item_and_finds_it(page, live_server, make_user, make_pokja,
                                                  make_agency):
    coordinator = make_user(role="coordinator", name="Maria Koordinator", locale="id")
    pokja = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[coordinator])
    agency = make_agency(name="Inspektorat Daerah", code="INSP")
    make_user(role="member", name="Yohanes Pemilik", agency=agency)

    page.goto(f"{live_server}/login")
    page.locator("input[name=email]").fill(coordinator.email)
    page.locator("input[name=password]").fill("rahasia-123")
    page.locator("form button[type=submit].primary").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto(f"{live_server}/items/new")
    page.locator("#title").fill("Menyusun SOP reviu laporan keuangan")
    page.locator("#pokja_id").select_option(str(pokja.id))
    page.locator("#agency_id").select_option(str(agency.id))
    page.locator("#owner_id").select_option(label="Yohanes Pemilik (Inspektorat Daerah)")
    page.locator("#due_date").fill("2026-12-18")
    page.locator("form button[type=submit].primary").click()
    expect(page.locator("h1")).to_have_text("Menyusun SOP reviu laporan keuangan")

    page.goto(f"{live_server}/items")
    page.locator("#agency_id").select_option(str(agency.id))
    page.locator("#q").fill("reviu")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"q=reviu"))
    row = page.locator("table.list tbody tr")
    expect(row).to_have_count(1)
    expect(row.first).to_contain_text("Menyusun SOP reviu laporan keuangan")
    expect(row.first).to_contain_text("Yohanes Pemilik")
    expect(row.first).to_contain_text("18 Des 2026")

    page.locator("#q").fill("tidak ada yang cocok")
    page.locator("form.filters button[type=submit]").click()
    expect(page.locator("table.list")).to_have_count(0)
