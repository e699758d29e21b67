"""Importing tables into a pokja: create, update, skip, all or nothing, hostile cells."""
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.errors import PermissionDenied, ValidationError
from rbtasks.imports.models import ImportKey
from rbtasks.imports.services import run_import
from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.realisation.models import QuarterRealisation
from tests.imports.conftest import first_rows, sheet_row, table
from tests.refusals import refused


def _import(cast, tbl, now, dry_run=False, **options):
    return run_import(cast["coordinator"], cast["pokja"].id, tbl, year=2026, now=now,
                      dry_run=dry_run, source="rencana-aksi-2026.xlsx", **options)


def _items(db, pokja):
    return list(db.session.scalars(sa.select(ActionItem).where(ActionItem.pokja_id == pokja.id)
                                   .order_by(ActionItem.id)))


def test_a_dry_run_reports_what_would_happen_and_changes_nothing(db, cast, now):
    report = _import(cast, table(*first_rows()), now, dry_run=True)
    db.session.commit()

    assert (report.dry_run, report.applied) == (True, False)
    assert (report.created, report.updated, report.skipped, report.errors) == (2, 0, 0, [])
    assert [row["action"] for row in report.rows] == ["create", "create"]
    assert _items(db, cast["pokja"]) == []


def test_applying_creates_the_items_as_the_sheet_says(db, cast, now):
    report = _import(cast, table(*first_rows()), now)
    db.session.commit()

    assert (report.applied, report.created) == (True, 2)
    inventory, harmonisation = _items(db, cast["pokja"])
    assert inventory.title == "Inventarisasi peraturan daerah yang menghambat investasi"
    assert inventory.agency_id == cast["biro_hukum"].id  # "biro  hukum"
    assert inventory.owner_id == cast["pello"].id  # by name with titles and commas
    assert inventory.budget == 15_000_000
    assert inventory.due_date == date(2026, 12, 31)
    assert (inventory.target, inventory.unit) == ("100", "persen")
    assert harmonisation.owner_id == cast["kolo"].id  # by email
    assert harmonisation.due_date == date(2026, 9, 30)  # TW III of the plan's year
    assert harmonisation.budget == 15_000_000
    assert report.rows[0]["item_id"] == inventory.id

    quarters = {row.quarter: row for row in db.session.scalars(
        sa.select(QuarterRealisation).where(QuarterRealisation.item_id == inventory.id))}
    assert quarters[1].target == Decimal("25") and quarters[1].realisation == Decimal("12.5")
    assert quarters[2].target == Decimal("50")
    # kendala and solusi belong to the latest quarter the row reports on
    assert (quarters[2].obstacles, quarters[2].follow_up) == ("Menunggu data dari OPD",
                                                              "Surat dari Sekda")
    assert inventory.progress_from_quarters and inventory.progress == 17  # 12,5 / 75
    history = db.session.scalars(sa.select(ActivityEntry.action)
                                 .where(ActivityEntry.item_id == inventory.id)).all()
    assert {"created", "quarters_updated", "imported"} <= set(history)


def test_importing_the_same_sheet_again_makes_no_copies(db, cast, now):
    _import(cast, table(*first_rows()), now)
    db.session.commit()

    again = _import(cast, table(*first_rows()), now)
    db.session.commit()

    assert (again.created, again.updated, again.skipped) == (0, 0, 2)
    assert {row["reason"] for row in again.rows} == {"Nothing changed since the last import."}
    assert len(_items(db, cast["pokja"])) == 2


def test_a_changed_row_updates_only_what_changed_with_history(db, cast, now):
    _import(cast, table(*first_rows()), now)
    db.session.commit()
    rows = first_rows()
    rows[1] = sheet_row(6, no=2, title="Harmonisasi rancangan perda perizinan berusaha",
                        output="Ranperda", target="1", unit="dokumen",
                        owner="ignasius.kolo@nttprov.go.id", agency="BIRO-ORG",
                        budget="20.000.000", due="Desember 2026")

    report = _import(cast, table(*rows), now)
    db.session.commit()

    assert (report.created, report.updated, report.skipped) == (0, 1, 1)
    assert report.rows[1]["changes"] == ["budget", "due_date"]
    item = _items(db, cast["pokja"])[1]
    assert (item.budget, item.due_date) == (20_000_000, date(2026, 12, 31))
    changes = db.session.execute(
        sa.select(ActivityEntry.field, ActivityEntry.old_value, ActivityEntry.new_value)
        .where(ActivityEntry.item_id == item.id, ActivityEntry.action == "updated")).all()
    assert sorted(changes) == [("budget", "15000000", "20000000"),
                               ("due_date", "2026-09-30", "2026-12-31")]
    imported = db.session.scalars(sa.select(ActivityEntry).where(
        ActivityEntry.item_id == item.id, ActivityEntry.action == "imported")).all()
    assert [(e.new_value, e.note) for e in imported] == [("rencana-aksi-2026.xlsx", "6")] * 2


def test_one_bad_cell_imports_nothing_and_names_row_and_column(db, cast, now):
    rows = first_rows()
    rows.append(sheet_row(7, no=3, title="Evaluasi produk hukum daerah", agency="Biro Hukum",
                          due="31 Desembr 2026"))
    report = _import(cast, table(*rows), now)
    db.session.commit()

    assert report.applied is False
    assert report.errors == [{"row": 7, "column": "Batas Waktu", "message":
                              "“31 Desembr 2026” is not a date; write it as 31/12/2026, "
                              "31 Desember 2026, Desember 2026 or TW III."}]
    assert _items(db, cast["pokja"]) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ImportKey)) == 0


def test_an_unknown_owner_or_agency_is_reported_never_invented(db, cast, now, make_user):
    users_before = db.session.scalar(sa.select(sa.func.count(User.id)))
    report = _import(cast, table(
        sheet_row(5, no=1, title="Penyusunan SOP", agency="Biro Hukum",
                  owner="Drs. Yohanes Bria, M.Si.", due="31/12/2026"),
        sheet_row(6, no=2, title="Penyusunan SOP kedua", agency="Dinas Pariwisata",
                  due="31/12/2026"),
        # a real person, but in another agency than the row's
        sheet_row(7, no=3, title="Penyusunan SOP ketiga", agency="Biro Organisasi",
                  owner="oktavianus.pello@nttprov.go.id", due="31/12/2026"),
    ), now)

    assert [(e["row"], e["column"]) for e in report.errors] == [
        (5, "Penanggung Jawab"), (6, "Unit Kerja"), (7, "Penanggung Jawab")]
    assert "Drs. Yohanes Bria, M.Si." in report.errors[0]["message"]
    assert "Dinas Pariwisata" in report.errors[1]["message"]
    assert "does not work in Biro Organisasi" in report.errors[2]["message"]
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == users_before


def test_required_fields_and_empty_owner(db, cast, now):
    report = _import(cast, table(
        sheet_row(5, no=1, title="Tanpa tenggat", agency="Biro Hukum", output="Laporan"),
        sheet_row(6, no=2, title="Tanpa penanggung jawab", agency="Biro Hukum",
                  due="31/12/2026"),
    ), now, dry_run=True)

    assert report.errors == [{"row": 5, "column": "Batas Waktu",
                              "message": "This field is required."}]
    assert report.rows[1]["action"] == "create"  # an item may have no owner yet


def test_headings_between_groups_are_skipped_with_a_reason(db, cast, now):
    rows = [sheet_row(5, no="I", title="DEREGULASI KEBIJAKAN"), *first_rows()]
    report = _import(cast, table(*rows), now)

    assert (report.created, report.skipped) == (2, 1)
    assert report.rows[0]["action"] == "skip"
    assert "heading" in report.rows[0]["reason"]


def test_a_number_used_twice_in_the_sheet_is_an_error(db, cast, now):
    rows = first_rows()
    rows[1] = sheet_row(6, no="1.", title="Baris lain", agency="Biro Hukum", due="31/12/2026")
    report = _import(cast, table(*rows), now, dry_run=True)

    assert report.errors == [{"row": 6, "column": "No", "message":
                              "Row 5 already has this number or action; each row needs its own."}]


def test_without_a_number_the_title_is_the_key(db, cast, now):
    rows = [sheet_row(5, title="Penyusunan  peta proses bisnis", agency="Biro Organisasi",
                      due="30/06/2026")]
    _import(cast, table(*rows), now)
    db.session.commit()
    rows = [sheet_row(5, title="PENYUSUNAN PETA PROSES BISNIS", agency="Biro Organisasi",
                      due="30/06/2026")]
    report = _import(cast, table(*rows), now)

    assert (report.created, report.updated) == (0, 1)
    assert report.rows[0]["changes"] == ["title"]


def test_a_deleted_item_is_not_made_again(db, cast, now):
    from rbtasks.items.services import delete_item

    _import(cast, table(*first_rows()), now)
    db.session.commit()
    delete_item(cast["coordinator"], _items(db, cast["pokja"])[0], now)
    db.session.commit()

    report = _import(cast, table(*first_rows()), now)
    db.session.commit()

    assert (report.created, report.skipped) == (0, 2)
    assert report.rows[0]["reason"] == ("The item made from this row was deleted; it is not "
                                        "made again.")
    assert len(_items(db, cast["pokja"])) == 2


def test_only_admins_and_the_pokjas_coordinators_import(db, cast, now, make_user):
    other_coordinator = make_user(role="coordinator")
    for actor in (cast["pello"], other_coordinator, make_user(role="leader")):
        refused(db, PermissionDenied, run_import, actor, cast["pokja"].id,
                table(*first_rows()), year=2026, now=now, dry_run=False)
    admin = make_user(role="admin")
    report = run_import(admin, cast["pokja"].id, table(*first_rows()), year=2026, now=now,
                        dry_run=False)
    assert report.created == 2


# ---- the mapping -----------------------------------------------------------

def test_a_column_left_out_is_not_imported(db, cast, now):
    report = _import(cast, table(*first_rows()), now,
                     mapping={"Anggaran (Rp)": "", "Penanggung Jawab": None})
    db.session.commit()

    assert report.mapping["Anggaran (Rp)"] is None
    assert report.mapping["Kegiatan / Rencana Aksi"] == "title"
    assert [(i.budget, i.owner_id) for i in _items(db, cast["pokja"])] == [(None, None)] * 2


def test_a_column_can_be_given_another_field(db, cast, now):
    report = _import(cast, table(*first_rows()), now,
                     mapping={"Keterangan": "", "Kendala": "description"})
    db.session.commit()
    assert _items(db, cast["pokja"])[0].description == "Menunggu data dari OPD"
    assert report.mapping["Kendala"] == "description"


@pytest.mark.parametrize("mapping, named", [
    ({"Keterangan": "warna"}, "warna"),
    ({"Keterangan": "title"}, "“Kegiatan / Rencana Aksi”, “Keterangan”"),
    ({"Kolom Hantu": "output"}, "Kolom Hantu"),
    ({"Keterangan": "status"}, "status"),
])
def test_a_mapping_that_cannot_work_is_refused_naming_it(db, cast, now, mapping, named):
    error = refused(db, ValidationError, _import, cast, table(*first_rows()), now,
                    mapping=mapping)
    assert named in error.message
    assert _items(db, cast["pokja"]) == []


# ---- hostile input -----------------------------------------------------------

def test_control_characters_are_refused_and_line_separators_become_spaces(db, cast, now):
    report = _import(cast, table(
        sheet_row(5, no=1, title="Rapat\x00 koordinasi", agency="Biro Hukum", due="31/12/2026"),
        sheet_row(6, no=2, title="Rapat\u2028koordinasi\nRB", agency="Biro Hukum",
                  due="31/12/2026", notes="Baris satu\u2029Baris dua"),
    ), now, dry_run=True)
    assert report.errors == [{"row": 5, "column": "Kegiatan / Rencana Aksi",
                              "message": "Must not contain control characters."}]

    report = _import(cast, table(
        sheet_row(6, no=2, title="Rapat\u2028koordinasi\nRB", agency="Biro Hukum",
                  due="31/12/2026", notes="Baris satu\u2029Baris dua")), now)
    db.session.commit()
    item = _items(db, cast["pokja"])[0]
    assert item.title == "Rapat koordinasi RB"
    assert item.description == "Baris satu\nBaris dua"


def test_numbers_beyond_what_the_database_holds_are_errors(db, cast, now):
    report = _import(cast, table(
        sheet_row(5, no=1, title="Anggaran raksasa", agency="Biro Hukum", due="31/12/2026",
                  budget="Rp 99.999.999.999.999.999.999")),
        now, dry_run=True)
    assert [(e["row"], e["column"]) for e in report.errors] == [(5, "Anggaran (Rp)")]

    report = _import(cast, table(
        sheet_row(5, no=1, title="Target raksasa", agency="Biro Hukum", due="31/12/2026",
                  t1=10**20)), now, dry_run=True)
    assert report.errors == [{"row": 5, "column": "TARGET TW I",
                              "message": "Must be less than one trillion."}]


def test_text_longer_than_its_column_is_an_error(db, cast, now):
    report = _import(cast, table(
        sheet_row(5, no=1, title="R" * 301, agency="Biro Hukum", due="31/12/2026")),
        now, dry_run=True)
    assert report.errors == [{"row": 5, "column": "Kegiatan / Rencana Aksi",
                              "message": "At most 300 characters."}]


def test_more_than_ten_thousand_rows_are_refused(db, cast, now):
    rows = [sheet_row(5 + n, no=n + 1, title=f"Aksi {n}") for n in range(10_001)]
    error = refused(db, ValidationError, _import, cast, table(*rows), now)
    assert "10001 rows" in error.message and "10000" in error.message
    assert _items(db, cast["pokja"]) == []
