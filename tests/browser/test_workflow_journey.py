"""The life of an item in real Chromium: the owner submits with an uploaded file, the
coordinator returns it, the owner resubmits, the coordinator verifies."""
import re

from playwright.sync_api import expect


def _act(page, action, text=None):
    form = page.locator(f"form[data-action={action}]")
    if text is not None:
        page.locator("details.transition", has=form).locator("summary").click()
        form.locator("textarea").fill(text)
    form.locator("button[type=submit]").click()


def test_submit_return_resubmit_verify(page, live_server, sign_in, make_user, make_pokja,
                                       make_item, tmp_path):
    owner = make_user(role="member", name="Yohanes Pemilik", locale="id")
    coordinator = make_user(role="coordinator", name="Maria Koordinator", locale="en")
    pokja = make_pokja(coordinators=[coordinator], members=[owner])
    item = make_item(pokja=pokja, owner=owner, title="Menyusun SOP pengaduan", status="in_progress")
    url = f"{live_server}/items/{item.id}"
    notulen = tmp_path / "notulen-rapat.pdf"
    notulen.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")

    sign_in(owner)
    page.goto(url)
    page.locator("#evidence-file-file").set_input_files(str(notulen))
    page.locator("#evidence-file-description").fill("Notulen rapat penyusunan SOP")
    page.locator("#evidence form[enctype='multipart/form-data'] button[type=submit]").click()
    expect(page.locator("#evidence")).to_contain_text("notulen-rapat.pdf")
    _act(page, "submit", "SOP telah disusun dan dibahas")
    expect(page.locator("#workflow .badge")).to_have_text(re.compile("Menunggu verifikasi|Awaiting verification"))

    sign_in(coordinator)
    page.goto(url)
    _act(page, "return", "Lampirkan daftar hadir rapat")
    expect(page.locator("#workflow .badge")).to_have_text(re.compile("Berjalan|In progress"))

    sign_in(owner)
    page.goto(url)
    expect(page.locator("#history")).to_contain_text("Lampirkan daftar hadir rapat")
    page.locator("#evidence-link-url").fill("https://drive.nttprov.go.id/daftar-hadir")
    page.locator("#evidence form:not([enctype]) button[type=submit]").last.click()
    expect(page.locator("#evidence")).to_contain_text("daftar-hadir")
    _act(page, "submit", "Daftar hadir sudah dilampirkan")

    sign_in(coordinator)
    page.goto(url)
    _act(page, "verify")
    expect(page.locator("#workflow .badge")).to_have_text(re.compile("Selesai|Done"))
    expect(page.locator("#workflow")).to_contain_text(re.compile("Diverifikasi|Verified"))
