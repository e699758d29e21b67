"""An admin edits a pokja in real Chromium: a plain heading, and coordinators and members
chosen from lists of full names with a search box — no Ctrl-click in a narrow box."""
from playwright.sync_api import expect


def test_admin_finds_and_ticks_people_by_name(page, live_server, sign_in, db, make_user,
                                              make_pokja, make_agency):
    admin = make_user(role="admin", name="Yuliana Fanggidae", locale="id")
    inspektorat = make_agency(name="Inspektorat Daerah", code="ITDA")
    head = make_user(role="agency_head", name="Dr. Theresia Mboi, S.E., M.Ak.",
                     agency=inspektorat)
    nalle = make_user(role="coordinator", name="Hendrikus Nalle", agency=inspektorat)
    seran = make_user(name="Yohanes Seran, S.E.", agency=inspektorat)
    for number in range(30):
        make_user(name=f"Pegawai Inspektorat {number:02d}", agency=inspektorat)
    pokja = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[nalle])
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)

    sign_in(admin)
    page.goto(f"{live_server}/admin/pokjas/{pokja.id}/edit")

    expect(page.locator("h1")).to_have_text("Ubah pokja")
    expect(page.locator("main")).to_contain_text("Pokja Penguatan Pengawasan")
    expect(page.locator("main")).not_to_contain_text("Pokja Pokja")
    members = page.locator("#member_ids")
    expect(members.locator("[data-people-count]")).to_have_text("0 dipilih")
    long_name = members.locator("label.person", has_text="Dr. Theresia Mboi, S.E., M.Ak.")
    expect(long_name).to_contain_text("Kepala Perangkat Daerah, Inspektorat Daerah")
    cut_off = long_name.evaluate("label => label.scrollWidth > label.clientWidth")
    assert not cut_off, "the full name does not fit its line"

    members.locator("input[type=search]").fill("seran")
    expect(members.locator("label.person:visible")).to_have_count(1)
    members.get_by_label("Yohanes Seran, S.E.", exact=False).check()
    members.locator("input[type=search]").fill("mboi")
    members.get_by_label("Dr. Theresia Mboi", exact=False).check()
    expect(members.locator("[data-people-count]")).to_have_text("2 dipilih")
    page.locator("form button[type=submit].primary").click()

    expect(page.locator(".flash-success")).to_be_visible()
    db.session.expire_all()
    assert {user.id for user in pokja.members} == {seran.id, head.id}
    assert [user.id for user in pokja.coordinators] == [nalle.id]
    assert violations == []
