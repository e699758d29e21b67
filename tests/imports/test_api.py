"""POST /api/v1/imports: the report, the mapping, and files that cannot be read."""
import io
import json

import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from tests.imports.sheets import csv_bytes, example_row, xlsx_bytes


def _post(client, pokja_id, data=None, name="rencana-aksi.xlsx", **fields):
    form = {"pokja_id": str(pokja_id), **fields,
            "file": (io.BytesIO(data if data is not None else _sheet()), name)}
    return client.post("/api/v1/imports", data=form, content_type="multipart/form-data")


def _sheet():
    return xlsx_bytes([example_row("Inventarisasi perda yang menghambat investasi"),
                       example_row("Harmonisasi ranperda perizinan", agency="Biro Organisasi",
                                   owner="ignasius.kolo@nttprov.go.id", deadline="TW III",
                                   budget="15.000.000,00")])


def _count(db, pokja):
    return db.session.scalar(sa.select(sa.func.count(ActionItem.id))
                             .where(ActionItem.pokja_id == pokja.id))


def test_a_dry_run_answers_the_report_and_changes_nothing(api, db, cast):
    response = _post(api(cast["coordinator"]), cast["pokja"].id, dry_run="true")

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert {key: body[key] for key in ("dry_run", "applied", "created", "updated", "skipped",
                                       "errors")} == {
        "dry_run": True, "applied": False, "created": 2, "updated": 0, "skipped": 0,
        "errors": []}
    assert [row["row"] for row in body["rows"]] == [7, 8]
    assert body["mapping"]["KEGIATAN / RENCANA AKSI"] == "title"
    assert _count(db, cast["pokja"]) == 0


def test_an_import_creates_then_updates_the_same_items(api, db, cast):
    client = api(cast["coordinator"])
    first = _post(client, cast["pokja"].id, dry_run="false").get_json()
    assert (first["applied"], first["created"]) == (True, 2)
    assert all(row["item_id"] for row in first["rows"])

    again = _post(client, cast["pokja"].id).get_json()  # dry_run defaults to false
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 2)
    assert _count(db, cast["pokja"]) == 2
    item = client.get(f"/api/v1/items/{first['rows'][1]['item_id']}").get_json()
    assert (item["due_date"], item["budget"]) == ("2026-09-30", 15_000_000)


def test_row_errors_come_in_the_report_and_nothing_is_applied(api, db, cast):
    sheet = xlsx_bytes([example_row("Inventarisasi perda"),
                        example_row("Harmonisasi ranperda", deadline="akhir tahun")])
    response = _post(api(cast["coordinator"]), cast["pokja"].id, sheet, dry_run="false")

    assert response.status_code == 200
    body = response.get_json()
    assert body["applied"] is False
    assert body["errors"] == [{"row": 8, "column": "BATAS WAKTU", "message":
                               "“akhir tahun” is not a date; write it as 31/12/2026, "
                               "31 Desember 2026, Desember 2026 or TW III."}]
    assert _count(db, cast["pokja"]) == 0


def test_the_mapping_changes_the_proposal(api, db, cast):
    mapping = {"ANGGARAN (Rp)": "", "KENDALA": None, "KETERANGAN": "", "PROGRAM": "description"}
    body = _post(api(cast["coordinator"]), cast["pokja"].id, dry_run="false",
                 mapping=json.dumps(mapping)).get_json()

    assert body.get("applied") is True, body
    item = db.session.get(ActionItem, body["rows"][0]["item_id"])
    assert (item.budget, item.description) == (None, "Deregulasi")


def test_a_mapping_naming_unknown_fields_or_a_field_twice_is_a_422(api, db, cast):
    client = api(cast["coordinator"])
    unknown = _post(client, cast["pokja"].id, mapping=json.dumps({"PROGRAM": "program"}))
    twice = _post(client, cast["pokja"].id, mapping=json.dumps({"PROGRAM": "title"}))
    broken = _post(client, cast["pokja"].id, mapping="{PROGRAM: title")

    assert unknown.status_code == 422
    assert "program" in unknown.get_json()["error"]["fields"]["mapping"]
    assert twice.status_code == 422
    assert "“PROGRAM”, “KEGIATAN / RENCANA AKSI”" in twice.get_json()["error"]["message"]
    assert broken.status_code == 422 and "mapping" in broken.get_json()["error"]["fields"]
    assert _count(db, cast["pokja"]) == 0


def test_a_file_that_cannot_be_read_is_a_422_in_the_api_envelope(api, db, cast):
    response = _post(api(cast["coordinator"]), cast["pokja"].id, b"PK\x03\x04rusak" * 10)

    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"file"} and error["message"]


def test_a_csv_saved_from_the_sheet_imports_too(api, db, cast):
    text = ("No;Kegiatan;Unit Kerja;Penanggung Jawab;Anggaran;Batas Waktu;Progres\n"
            "1;Penyusunan SOP pelayanan;Biro Hukum;Oktavianus Pello, S.H., M.H.;"
            "Rp 15.000.000;31 Des 2026;12,5%\n")
    body = _post(api(cast["coordinator"]), cast["pokja"].id, csv_bytes(text),
                 name="rencana-aksi.csv").get_json()

    assert (body["applied"], body["created"]) == (True, 1), body
    item = db.session.get(ActionItem, body["rows"][0]["item_id"])
    assert (item.progress, item.budget) == (13, 15_000_000)


def test_who_may_import(api, db, cast, make_user):
    assert _post(api(cast["pello"]), cast["pokja"].id).status_code == 403
    assert _post(api(make_user(role="coordinator")), cast["pokja"].id).status_code == 403
    assert _post(api(cast["coordinator"]), 999_999).status_code == 404
    assert _count(db, cast["pokja"]) == 0


def test_bad_fields_are_named(api, cast):
    client = api(cast["coordinator"])
    response = _post(client, cast["pokja"].id, dry_run="mungkin", colour="merah")
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"colour"}
    response = _post(client, cast["pokja"].id, dry_run="mungkin")
    assert set(response.get_json()["error"]["fields"]) == {"dry_run"}
    response = client.post("/api/v1/imports", json={"pokja_id": cast["pokja"].id})
    assert response.status_code == 422
