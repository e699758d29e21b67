"""A coordinator imports a rencana aksi sheet in real Chromium: upload → mapping →
preview → confirm, then finds the items in the list."""
import re

from playwright.sync_api import expect

from tests.imports.sheets import example_row, xlsx_bytes


def test_coordinator_uploads_fixes_the_mapping_and_imports(page, live_server, sign_in, tmp_path,
                                                           make_user, make_pokja, make_agency):
    coordinator = make_user(role="coordinator", name="Agustinus Tefa", locale="id")
    pokja = make_pokja(name="Pokja Deregulasi Kebijakan", coordinators=[coordinator])
    agency = make_agency(name="Biro Hukum", code="BIRO-HUKUM")
    make_user(role="member", name="Oktavianus Pello, S.H., M.H.", agency=agency)
    sheet = tmp_path / "rencana-aksi-2026.xlsx"
    sheet.write_bytes(xlsx_bytes([
        example_row("Inventarisasi perda yang menghambat investasi"),
        example_row("Harmonisasi ranperda perizinan berusaha", deadline="TW III")]))

    sign_in(coordinator)
    page.goto(f"{live_server}/items")
    page.get_by_role("link", name="Impor dari Excel").click()
    page.locator("#pokja_id").select_option(str(pokja.id))
    page.locator("#file").set_input_files(str(sheet))
    page.locator("#year").fill("2026")
    page.locator("form button[type=submit].primary").click()

    expect(page).to_have_url(re.compile(r"/imports/review$"))
    expect(page.locator("#import-summary")).to_contain_text(
        "Akan membuat 2, memperbarui 0 dan melewati 0 butir.")
    expect(page.locator("#import-preview")).to_contain_text("Harmonisasi ranperda perizinan")
    budget = page.get_by_label("ANGGARAN (Rp)")
    expect(budget).to_have_value("budget")
    budget.select_option("")  # the coordinator leaves the budget out
    page.get_by_role("button", name="Periksa lagi").click()
    expect(page.get_by_label("ANGGARAN (Rp)")).to_have_value("")

    page.get_by_role("button", name="Impor", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/items\?pokja_id={pokja.id}$"))
    expect(page.locator(".flash")).to_contain_text("2 dibuat")
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Harmonisasi ranperda perizinan berusaha")  # by due date
    expect(rows.first).to_contain_text("30 Sep 2026")
    expect(rows.last).to_contain_text("Inventarisasi perda yang menghambat investasi")
    expect(rows.last).to_contain_text("Oktavianus Pello, S.H., M.H.")
