"""The notification log fits a 1366×768 laptop screen: the resend button is not cut off."""
from datetime import timedelta

from playwright.sync_api import expect

LONG_ERROR = ("550 5.1.1 <kepala.bidang.pengawasan.penyelenggaraan.pemerintahan@inspektorat."
              "nttprov.go.id>: Recipient address rejected: User unknown in virtual mailbox table")


def test_the_resend_button_is_on_screen_at_1366_pixels(page, live_server, sign_in, make_user,
                                                        make_pokja, make_item, make_message,
                                                        now):
    admin = make_user(role="admin", name="Yuliana Fanggidae", locale="id")
    pokja = make_pokja(name="Pokja Penguatan Pengawasan")
    items = [make_item(pokja=pokja, title=title) for title in (
        "Melaksanakan reviu laporan keuangan pemerintah daerah sebelum diserahkan ke BPK",
        "Membangun zona integritas menuju Wilayah Bebas dari Korupsi pada unit pelayanan",
        "Melaksanakan pengendalian gratifikasi dan pelaporan LHKPN seluruh pejabat")]
    failed = make_message(
        items=[(item, "escalation_2") for item in items] + [(items[0], "overdue")],
        recipient_name="Dr. Theresia Mboi, S.E., M.Ak.",
        recipient_email="kepala.bidang.pengawasan.penyelenggaraan.pemerintahan@inspektorat."
                        "nttprov.go.id",
        status="failed", attempts=5, last_error=LONG_ERROR, planned_at=now,
        sent_at=now + timedelta(minutes=40))
    page.set_viewport_size({"width": 1366, "height": 768})

    sign_in(admin)
    page.goto(f"{live_server}/admin/notifications")

    button = page.locator(f"#message-{failed.id} button", has_text="Kirim ulang")
    expect(button).to_be_visible()
    box = button.bounding_box()
    wrap = page.locator(".table-wrap").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 1366
    assert box["x"] + box["width"] <= wrap["x"] + wrap["width"], "cut off by the table's frame"
    scrolls = page.locator(".table-wrap").evaluate("wrap => wrap.scrollWidth > wrap.clientWidth")
    assert not scrolls, "the table scrolls sideways"
