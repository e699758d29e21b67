"""The import page: upload → mapping and preview → confirm, and what it refuses."""
import io
import re
from html import unescape
from pathlib import Path

import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from tests.conftest import csrf_token_from
from tests.imports.sheets import example_row, xlsx_bytes


def _sheet(*rows):
    return xlsx_bytes(list(rows) or [
        example_row("Inventarisasi perda yang menghambat investasi"),
        example_row("Harmonisasi ranperda perizinan", agency="Biro Organisasi",
                    owner="Ignasius Kolo", deadline="TW III")])


def _upload(client, pokja, data, name="rencana-aksi.xlsx", year="2026"):
    token = csrf_token_from(client.get(f"/imports/new?pokja_id={pokja.id}").get_data(as_text=True))
    return client.post("/imports/new", data={
        "csrf_token": token, "pokja_id": str(pokja.id), "year": year, "sheet": "",
        "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _selects(html):
    """{index: chosen field} of the mapping's selects."""
    chosen = {}
    for index, body in re.findall(r'<select id="map-(\d+)" name="map-\d+">(.*?)</select>', html,
                                  re.S):
        match = re.search(r'<option value="([^"]*)" selected>', body)
        chosen[int(index)] = match.group(1) if match else ""
    return chosen


def _items(db, pokja):
    return db.session.scalars(sa.select(ActionItem).where(ActionItem.pokja_id == pokja.id)
                              .order_by(ActionItem.id)).all()


def _kept(app):
    return sorted(Path(app.config["RBTASKS_IMPORT_DIR"]).iterdir())


def test_the_items_list_links_to_the_import_for_those_who_may(login, cast, make_user):
    assert "/imports/new" in login(cast["coordinator"]).get("/items").get_data(as_text=True)
    assert "/imports/new" not in login(cast["pello"]).get("/items").get_data(as_text=True)


def test_upload_preview_change_the_mapping_and_confirm(app, login, db, cast):
    client = login(cast["coordinator"])
    kept_before = _kept(app)
    response = _upload(client, cast["pokja"], _sheet())
    assert response.status_code == 303 and response.headers["Location"].endswith("/imports/review")
    assert len(_kept(app)) == len(kept_before) + 1

    page = client.get("/imports/review")
    html = unescape(page.get_data(as_text=True))
    assert page.status_code == 200
    assert "Would create 2, update 0 and skip 0 items." in html
    assert "Harmonisasi ranperda perizinan" in html  # the preview
    chosen = _selects(html)
    headers = re.findall(r'<label for="map-(\d+)">([^<]*)</label>', html)
    by_header = {header: int(index) for index, header in headers}
    assert chosen[by_header["KEGIATAN / RENCANA AKSI"]] == "title"
    assert chosen[by_header["ANGGARAN (Rp)"]] == "budget"
    assert chosen[by_header["PROGRAM"]] == ""
    assert _items(db, cast["pokja"]) == []

    form = {f"map-{index}": field for index, field in chosen.items()}
    form[f"map-{by_header['ANGGARAN (Rp)']}"] = ""  # fix a mapping: no budget
    form[f"map-{by_header['PROGRAM']}"] = "description"
    form[f"map-{by_header['KETERANGAN']}"] = ""
    token = csrf_token_from(html)
    checked = client.post("/imports/review", data={**form, "csrf_token": token,
                                                   "action": "check"})
    assert checked.status_code == 200
    assert _selects(checked.get_data(as_text=True))[by_header["PROGRAM"]] == "description"
    assert _items(db, cast["pokja"]) == []

    done = client.post("/imports/review", data={**form, "csrf_token": token, "action": "apply"})
    assert done.status_code == 303
    assert done.headers["Location"].endswith(f"/items?pokja_id={cast['pokja'].id}")
    listing = unescape(client.get(done.headers["Location"]).get_data(as_text=True))
    assert "Imported: 2 created, 0 updated, 0 skipped." in listing
    assert "Harmonisasi ranperda perizinan" in listing
    items = _items(db, cast["pokja"])
    assert [(item.budget, item.description) for item in items] == [(None, "Deregulasi")] * 2
    assert _kept(app) == kept_before  # the upload is gone
    assert client.get("/imports/review").status_code == 303


def test_rows_with_errors_are_shown_and_cannot_be_confirmed(login, db, cast):
    client = login(cast["coordinator"])
    _upload(client, cast["pokja"], _sheet(example_row("Inventarisasi perda"),
                                          example_row("Harmonisasi", deadline="besok lusa")))
    page = client.get("/imports/review")
    html = unescape(page.get_data(as_text=True))
    assert "1 problem must be fixed before importing." in html
    assert "Row 8, BATAS WAKTU: “besok lusa” is not a date" in html
    assert 'value="apply"' not in html

    token = csrf_token_from(html)
    form = {f"map-{index}": field for index, field in _selects(html).items()}
    refused = client.post("/imports/review", data={**form, "csrf_token": token,
                                                   "action": "apply"})
    assert refused.status_code == 422
    assert "Nothing was imported" in unescape(refused.get_data(as_text=True))
    assert _items(db, cast["pokja"]) == []


def test_a_file_that_cannot_be_read_is_refused_at_upload(app, login, db, cast):
    client = login(cast["coordinator"])
    kept_before = _kept(app)
    response = _upload(client, cast["pokja"], b"PK\x03\x04 rusak", name="rencana.xlsx")
    assert response.status_code == 422
    assert "damaged" in response.get_data(as_text=True)
    refused = _upload(client, cast["pokja"], b"%PDF-1.4", name="rencana.pdf")
    assert refused.status_code == 422
    assert _kept(app) == kept_before


def test_cancelling_deletes_the_upload(app, login, db, cast):
    client = login(cast["coordinator"])
    kept_before = _kept(app)
    _upload(client, cast["pokja"], _sheet())
    html = client.get("/imports/review").get_data(as_text=True)
    response = client.post("/imports/cancel", data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 303
    assert _kept(app) == kept_before
    assert _items(db, cast["pokja"]) == []


def test_the_upload_belongs_to_its_session(login, db, cast, make_user):
    client = login(cast["coordinator"])
    _upload(client, cast["pokja"], _sheet())
    other = login(make_user(role="admin"))
    assert other.get("/imports/review").status_code == 303  # nothing pending for them


def test_forms_need_their_csrf_token(login, db, cast):
    client = login(cast["coordinator"])
    response = client.post("/imports/new", data={
        "pokja_id": str(cast["pokja"].id), "year": "2026",
        "file": (io.BytesIO(_sheet()), "rencana.xlsx")}, content_type="multipart/form-data")
    assert response.status_code in (400, 422)
    assert client.get("/imports/review").status_code == 303


def test_the_item_history_names_the_file_and_row(login, db, cast, now):
    from rbtasks.imports.services import run_import
    from tests.imports.conftest import first_rows, table

    report = run_import(cast["coordinator"], cast["pokja"].id, table(*first_rows()), year=2026,
                        now=now, dry_run=False, source="rencana-aksi-2026.xlsx")
    db.session.commit()
    html = unescape(login(cast["coordinator"]).get(f"/items/{report.rows[1]['item_id']}")
                    .get_data(as_text=True))
    assert "imported the item from rencana-aksi-2026.xlsx, row 6" in html


def test_an_export_downloaded_from_the_list_reviews_as_updates_of_its_items(
        login, db, cast, make_item, make_user):
    from datetime import date

    sop = make_item(pokja=cast["pokja"], agency=cast["biro_org"], budget=15_000_000,
                    title="Menyusun SOP harmonisasi produk hukum daerah",
                    due_date=date(2026, 12, 31))
    coordinator = make_user(role="coordinator", locale="id", agency=cast["biro_org"])
    cast["pokja"].coordinators.append(coordinator)
    db.session.commit()
    client = login(coordinator)
    exported = client.get(f"/items.xlsx?pokja_id={cast['pokja'].id}")
    assert exported.status_code == 200
    _upload(client, cast["pokja"], exported.get_data(), name="rencana-aksi-2026-11-25.xlsx")

    html = unescape(client.get("/imports/review").get_data(as_text=True))
    headers = dict((header, int(index)) for index, header
                   in re.findall(r'<label for="map-(\d+)">([^<]*)</label>', html))
    assert _selects(html)[headers["ID rbtasks"]] == "id"
    assert '<option value="id" selected>ID rbtasks</option>' in html
    assert "Akan membuat 0, memperbarui 0 dan melewati 1 butir." in html
    assert "Butir sudah sesuai dengan isi baris ini." in html
    assert _items(db, cast["pokja"]) == [sop]
