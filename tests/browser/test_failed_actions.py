"""A refused action in real Chromium, on a phone: the message stands next to the form that
failed, on screen, and what the user typed is still there."""
from playwright.sync_api import expect

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56
NOTE = "SOP reviu telah disusun dan dibahas bersama Inspektorat Daerah, Rp 15.000.000 terserap."


def test_submitting_without_evidence_explains_beside_the_form_and_keeps_the_note(
    page, live_server, sign_in, make_user, make_pokja, make_item
):
    owner = make_user(role="member", name="Oktavianus Pello, S.H., M.H.", locale="id")
    item = make_item(pokja=make_pokja(members=[owner]), owner=owner, status="in_progress",
                     title="Menyusun SOP reviu laporan keuangan")
    sign_in(owner)
    page.goto(f"{live_server}/items/{item.id}")

    submit = page.locator("form[data-action=submit]")
    page.locator("details.transition", has=submit).locator("summary").click()
    submit.locator("textarea").fill(NOTE)
    submit.locator("button[type=submit]").click()

    message = page.locator("form[data-action=submit] .field-error",
                           has_text="Tambahkan paling sedikit satu data dukung terlebih dahulu.")
    expect(message).to_be_visible()
    expect(message).to_be_in_viewport()
    expect(page.locator("form[data-action=submit] textarea")).to_have_value(NOTE)
    expect(page.locator("#workflow .badge").first).to_have_text("Berjalan")


def test_a_refused_upload_explains_beside_the_upload_form_and_keeps_the_description(
    page, live_server, sign_in, make_user, make_pokja, make_item, tmp_path
):
    owner = make_user(role="member", name="Oktavianus Pello, S.H., M.H.", locale="id")
    item = make_item(pokja=make_pokja(members=[owner]), owner=owner, status="in_progress")
    disguised = tmp_path / "laporan.pdf"
    disguised.write_bytes(ELF)
    sign_in(owner)
    page.goto(f"{live_server}/items/{item.id}")

    upload = page.locator("#evidence form[enctype='multipart/form-data']")
    upload.locator("input[type=file]").set_input_files(str(disguised))
    upload.locator("input[name=description]").fill("Laporan reviu triwulan I")
    upload.locator("button[type=submit]").click()

    message = page.locator("#evidence form[enctype='multipart/form-data'] .field-error",
                           has_text="tidak diterima")
    expect(message).to_be_visible()
    expect(message).to_be_in_viewport()
    expect(page.locator("#evidence form[enctype='multipart/form-data'] input[name=description]")
           ).to_have_value("Laporan reviu triwulan I")
    expect(page.locator("#evidence")).to_contain_text("Belum ada data dukung")
