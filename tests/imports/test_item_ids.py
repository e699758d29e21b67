"""The ID column an export writes: a row naming a live item of the pokja updates it.

Any other ID (another pokja's item, one that does not exist, a deleted item)
is ignored, the row says so, and the row is matched by its number or action
as before; what is not an id at all is an error naming the row and the column.
"""
import io
import json
from datetime import date

import pytest
import sqlalchemy as sa

from rbtasks.imports.mapping import clean_mapping, propose_mapping
from rbtasks.imports.models import ImportKey
from rbtasks.imports.services import run_import
from rbtasks.items.models import ActionItem
from rbtasks.spreadsheets.table import SheetRow, Table

HEADERS = ("No", "Kegiatan / Rencana Aksi", "Unit Kerja", "Anggaran (Rp)", "Batas Waktu",
           "ID rbtasks")
IGNORED = ("ID {id} is not an item of this pokja; the row is matched by its number or action "
           "instead.")


def _table(*rows, headers=HEADERS):
    return Table(headers=headers, header_row=3, sheet="Rencana Aksi",
                 rows=[SheetRow(number, cells) for number, cells in enumerate(rows, start=4)])


def _import(cast, tbl, now, dry_run=False, **options):
    return run_import(cast["coordinator"], cast["pokja"].id, tbl, year=2026, now=now,
                      dry_run=dry_run, source="rencana-aksi-2026.xlsx", **options)


def _items(db, pokja):
    return list(db.session.scalars(sa.select(ActionItem).where(ActionItem.pokja_id == pokja.id)
                                   .order_by(ActionItem.id)))


@pytest.fixture
def sop(cast, make_item):
    return make_item(pokja=cast["pokja"], agency=cast["biro_org"], budget=15_000_000,
                     title="Menyusun SOP harmonisasi produk hukum daerah",
                     due_date=date(2026, 12, 31))


def test_an_id_that_is_not_a_number_is_an_error_naming_row_and_column(db, cast, now, sop):
    report = _import(cast, _table(
        (1, "Inventarisasi perda", "BIRO-HUKUM", "Rp 15.000.000", "31 Desember 2026", "abc"),
        (2, "Harmonisasi ranperda", "BIRO-HUKUM", "Rp 5.000.000", "TW III", "12,5"),
        (3, "Evaluasi perda retribusi", "BIRO-HUKUM", None, "30/06/2026", -3),
        (4, "Sosialisasi perda", "BIRO-HUKUM", None, "30/06/2026", 0),
        (5, "Publikasi JDIH", "BIRO-HUKUM", None, "30/06/2026", "99999999999"),
        (6, "Menyusun SOP harmonisasi", "BIRO-HUKUM", None, "30/06/2026", None),
    ), now)
    db.session.commit()

    assert report.applied is False
    message = "“{}” is not an rbtasks item ID; leave the cell empty for a new item."
    assert report.errors == [
        {"row": 4, "column": "ID rbtasks", "message": message.format("abc")},
        {"row": 5, "column": "ID rbtasks", "message": message.format("12,5")},
        {"row": 6, "column": "ID rbtasks", "message": message.format("-3")},
        {"row": 7, "column": "ID rbtasks", "message": message.format("0")},
        {"row": 8, "column": "ID rbtasks", "message": message.format("99999999999")},
    ]
    assert report.rows[5]["action"] == "create"  # an empty ID: a new item
    assert _items(db, cast["pokja"]) == [sop]


def test_a_row_naming_an_item_updates_it_whatever_its_number_and_title(db, cast, now, sop):
    report = _import(cast, _table(
        ("7", "Menyusun SOP harmonisasi produk hukum daerah (revisi)", "BIRO-ORG",
         "Rp 17.500.000", "31 Desember 2026", str(sop.id))), now)
    db.session.commit()

    assert (report.created, report.updated, report.errors) == (0, 1, [])
    assert report.rows[0]["item_id"] == sop.id and report.rows[0]["reason"] == ""
    db.session.expire_all()
    assert sop.title == "Menyusun SOP harmonisasi produk hukum daerah (revisi)"
    assert sop.budget == 17_500_000
    assert db.session.scalar(sa.select(sa.func.count(ImportKey.id))) == 0


def test_another_pokjas_item_or_an_unknown_id_is_ignored_saying_so(
        db, cast, now, sop, make_pokja, make_item):
    elsewhere = make_item(pokja=make_pokja(name="Pokja Penguatan Pengawasan"),
                          agency=cast["biro_org"], title="Audit kinerja Inspektorat Daerah")
    missing = elsewhere.id + 1000
    report = _import(cast, _table(
        (1, "Audit kinerja Inspektorat Daerah", "BIRO-ORG", None, "31/08/2026", elsewhere.id),
        (2, "Reviu LKjIP", "BIRO-ORG", None, "31/03/2026", missing)), now)
    db.session.commit()

    assert (report.created, report.updated, report.errors) == (2, 0, [])
    assert [row["reason"] for row in report.rows] == [
        IGNORED.format(id=elsewhere.id), IGNORED.format(id=missing)]
    db.session.expire_all()
    assert elsewhere.pokja_id != cast["pokja"].id and elsewhere.budget is None
    # the rows were keyed by their numbers as any sheet's: importing again updates the copies
    again = _import(cast, _table(
        (1, "Audit kinerja Inspektorat Daerah", "BIRO-ORG", "Rp 2.500.000", "31/08/2026",
         elsewhere.id),
        (2, "Reviu LKjIP", "BIRO-ORG", None, "31/03/2026", missing)), now)
    assert (again.created, again.updated, again.skipped) == (0, 1, 1)
    assert again.rows[0]["item_id"] == report.rows[0]["item_id"] != elsewhere.id


def test_a_deleted_items_id_is_ignored_saying_so(db, cast, now, sop):
    from rbtasks.items.services import delete_item

    delete_item(cast["coordinator"], sop, now)
    db.session.commit()
    report = _import(cast, _table(
        (1, sop.title, "BIRO-ORG", "Rp 15.000.000", "31/12/2026", sop.id)), now, dry_run=True)

    assert (report.created, report.errors) == (1, [])
    assert report.rows[0]["reason"] == (f"ID {sop.id} is a deleted item; the row is matched by "
                                        "its number or action instead.")


def test_two_rows_onto_one_item_are_an_error(db, cast, now, sop):
    run_import(cast["coordinator"], cast["pokja"].id, _table(
        (1, "Reviu peta proses bisnis", "BIRO-ORG", None, "30/06/2026", None)),
        year=2026, now=now, dry_run=False)
    db.session.commit()
    reviewed = _items(db, cast["pokja"])[-1]

    report = _import(cast, _table(
        (1, "Menyusun SOP", "BIRO-ORG", None, "31/12/2026", sop.id),
        (2, "Menyusun SOP (salinan)", "BIRO-ORG", None, "31/12/2026", sop.id),
        (3, "Reviu peta proses bisnis (revisi)", "BIRO-ORG", None, "30/06/2026", reviewed.id),
        (1, "Reviu peta proses bisnis", "BIRO-ORG", None, "30/06/2026", None),  # its key
    ), now)

    assert report.applied is False
    assert report.errors == [
        {"row": 5, "column": "ID rbtasks", "message": "Row 4 already imports onto the same "
                                                      "item; each item can be in the sheet once."},
        {"row": 7, "column": "No", "message": "Row 6 already imports onto the same item; each "
                                              "item can be in the sheet once."},
    ]


# ---- the mapping -----------------------------------------------------------

def test_the_id_column_is_proposed_by_its_names_but_a_bare_id_is_not(app):
    proposed = propose_mapping(["No", "Kegiatan", "ID rbtasks"])
    assert proposed["ID rbtasks"] == "id"
    for header in ("RBTASKS ID", "Id Item", "Item ID"):
        assert propose_mapping(["Kegiatan", header])[header] == "id"
    # a sheet's own numbering under "ID" is not taken for item ids, but can be mapped
    assert propose_mapping(["ID", "Kegiatan"])["ID"] is None
    assert clean_mapping(["ID", "Kegiatan"], {"ID": "id"})["ID"] == "id"


def test_the_api_takes_a_column_mapped_to_the_id_by_hand(api, db, cast, now, sop):
    sheet = ("ID;No;Kegiatan / Rencana Aksi;Unit Kerja;Anggaran (Rp);Batas Waktu\r\n"
             f"{sop.id};1;{sop.title};BIRO-ORG;Rp 20.000.000;31/12/2026\r\n").encode("utf-8-sig")
    response = api(cast["coordinator"]).post("/api/v1/imports", data={
        "pokja_id": str(cast["pokja"].id), "dry_run": "false",
        "mapping": json.dumps({"ID": "id"}),
        "file": (io.BytesIO(sheet), "rencana-aksi.csv")}, content_type="multipart/form-data")

    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["created"], body["updated"], body["errors"]) == (0, 1, [])
    assert body["mapping"]["ID"] == "id"
    db.session.expire_all()
    assert sop.budget == 20_000_000
