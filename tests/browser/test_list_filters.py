"""The item list's filters in real Chromium: a dashboard link with several statuses keeps all
of them chosen, and pressing Terapkan does not narrow the list behind the user's back."""
import re
from datetime import timedelta

from playwright.sync_api import expect

from rbtasks.timeutil import local_today, utc_now


def test_due_soon_link_keeps_its_three_statuses_through_apply(
    page, live_server, sign_in, app, make_user, make_pokja, make_item
):
    coordinator = make_user(role="coordinator", name="Dr. Maria Bessie, S.Kom., M.T.", locale="id")
    pokja = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[coordinator])
    other_pokja = make_pokja(name="Pokja Manajemen Perubahan", coordinators=[coordinator])
    with app.app_context():
        today = local_today(utc_now())
    soon = {"Menyusun SOP reviu": "not_started", "Sosialisasi SPIP": "in_progress",
            "Pemetaan risiko": "blocked"}
    for title, status in soon.items():
        make_item(pokja=pokja, title=title, status=status, due_date=today + timedelta(days=5))
    make_item(pokja=pokja, title="Laporan PMPRB", status="done", due_date=today + timedelta(days=4))
    make_item(pokja=other_pokja, title="Agen perubahan", status="in_progress",
              due_date=today + timedelta(days=60))

    sign_in(coordinator)
    page.locator("a.metric", has_text="Tenggat dalam 14 hari").click()
    rows = page.locator("table.list tbody tr")
    expect(rows).to_have_count(3)

    status = page.locator("#status-filter")
    for code in soon.values():
        expect(status.locator(f"input[value={code}]")).to_be_checked()
    expect(status.locator("input[value=done]")).not_to_be_checked()
    expect(status.locator("summary")).to_contain_text("Belum dimulai")

    page.locator("form.filters button[type=submit]").click()
    expect(rows).to_have_count(3)
    for code in soon.values():
        expect(page).to_have_url(re.compile(f"status={code}"))
        expect(status.locator(f"input[value={code}]")).to_be_checked()

    # The same control lets the user add a status, and the pokja filter (both of the
    # coordinator's pokja chosen by the dashboard link) works the same way.
    status.locator("summary").click()
    status.locator("label", has_text="Selesai").click()
    pokjas = page.locator("#pokja_id-filter")
    pokjas.locator("summary").click()
    pokjas.locator("label", has_text="Pokja Manajemen Perubahan").click()
    page.locator("form.filters button[type=submit]").click()
    expect(rows).to_have_count(4)
    expect(rows.filter(has_text="Laporan PMPRB")).to_have_count(1)
    expect(pokjas.locator(f"input[value='{pokja.id}']")).to_be_checked()
    expect(pokjas.locator(f"input[value='{other_pokja.id}']")).not_to_be_checked()
