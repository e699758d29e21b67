"""The profile's calendar links on a phone: make them, copy one, make new ones."""
import re

from playwright.sync_api import expect


def test_a_coordinator_makes_copies_and_renews_calendar_links(page, live_server, sign_in,
                                                             make_user, make_pokja):
    coordinator = make_user(role="coordinator", name="Oktavianus Pello, S.H., M.H.",
                            locale="id")
    make_pokja(name="Pokja Penataan Tatalaksana", coordinators=[coordinator])
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=live_server)
    sign_in(coordinator)
    page.goto(f"{live_server}/profile")

    section = page.locator("#calendar-feeds")
    section.get_by_role("button", name="Buat tautan kalender").click()
    expect(page.locator(".flash")).to_contain_text("Tautan kalender Anda sudah siap")
    mine = section.get_by_label("Rencana aksi saya")
    first_url = mine.input_value()
    assert re.fullmatch(r"http://rbtasks\.test/calendar/[A-Za-z0-9_-]{43}/mine\.ics", first_url)
    box = mine.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, "the link runs off the phone"
    assert box["width"] >= 250, "the link is squeezed beside its buttons"

    section.get_by_role("button", name="Salin").first.click()
    expect(section.get_by_role("button", name="Tersalin")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == first_url

    section.locator("summary").click()  # the pokja calendars are folded away
    expect(section.get_by_label("Pokja: Pokja Penataan Tatalaksana")).to_be_visible()

    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    section.get_by_role("button", name="Buat ulang tautan").click()
    expect(page.locator(".flash")).to_contain_text("Tautan lama tidak berlaku lagi")
    assert messages and messages[0].startswith("Buat ulang tautan kalender?")
    new_url = section.get_by_label("Rencana aksi saya").input_value()
    assert new_url != first_url

    path = lambda url: url.removeprefix("http://rbtasks.test")  # noqa: E731
    assert page.request.get(live_server + path(first_url)).status == 404
    feed = page.request.get(live_server + path(new_url))
    assert feed.status == 200 and feed.headers["content-type"] == "text/calendar; charset=utf-8"
