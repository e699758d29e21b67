"""Export → import into an empty pokja reproduces the items (issue 10)."""
import io

import openpyxl
import pytest
import sqlalchemy as sa

from rbtasks.imports.models import ImportKey
from rbtasks.imports.services import run_import
from rbtasks.items.models import ActionItem
from rbtasks.realisation.models import QuarterRealisation
from rbtasks.spreadsheets.columns import field_for_header
from rbtasks.spreadsheets.reading import read_table
from rbtasks.spreadsheets.table import SheetRow, Table

FIELDS = ("output", "indicator", "target", "unit", "owner_id", "agency_id", "budget",
          "due_date", "progress", "description")


def _exported(api, actor, extension, query):
    response = api(actor).get(f"/api/v1/items.{extension}?{query}")
    assert response.status_code == 200
    return read_table(io.BytesIO(response.get_data()), f"rencana-aksi.{extension}")


def _edited(api, actor, query, edits):
    """The .xlsx export with cells changed as a person would: ``edits`` maps an item's id
    (its row found by the ID column) to {field: new value}."""
    response = api(actor).get(f"/api/v1/items.xlsx?{query}")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    sheet = workbook.active
    column = {field_for_header(cell.value): cell.column for cell in sheet[1]}
    rows = {sheet.cell(row, column["id"]).value: row for row in range(2, sheet.max_row + 1)}
    for item_id, changes in edits.items():
        for name, value in changes.items():
            sheet.cell(rows[item_id], column[name]).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return read_table(buffer, "rencana-aksi-diperbaiki.xlsx")


def _keys(db, pokja):
    return dict(db.session.execute(sa.select(ImportKey.key, ImportKey.item_id)
                                   .where(ImportKey.pokja_id == pokja.id)).all())


def _import(db, make_user, make_pokja, table, now):
    coordinator = make_user(role="coordinator", name="Maria Goreti Lake, S.E.")
    empty = make_pokja(name="Pokja Penataan Tatalaksana 2027", coordinators=[coordinator])
    report = run_import(coordinator, empty.id, table, year=2026, now=now, dry_run=False,
                        source="rencana-aksi.xlsx")
    assert report.errors == [] and report.applied
    db.session.commit()
    return empty, report


def _items(db, pokja):
    items = db.session.scalars(sa.select(ActionItem).where(ActionItem.pokja_id == pokja.id))
    return {item.title: item for item in items}


def _quarters(db, item):
    rows = db.session.scalars(sa.select(QuarterRealisation)
                              .where(QuarterRealisation.item_id == item.id))
    return {row.quarter: (row.target, row.realisation, row.obstacles, row.follow_up)
            for row in rows}


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_export_then_import_into_an_empty_pokja_gives_the_same_items(
        api, db, make_user, make_pokja, plan, now, extension):
    table = _exported(api, plan["coordinator"], extension,
                      f"pokja_id={plan['pokja'].id}&status=in_progress,done")
    empty, report = _import(db, make_user, make_pokja, table, now)
    assert (report.created, report.updated, report.skipped) == (2, 0, 0)
    imported = _items(db, empty)
    for original in (plan["sop"], plan["unowned"]):
        copy = imported[original.title]
        assert {name: getattr(copy, name) for name in FIELDS} == {
            name: getattr(original, name) for name in FIELDS}, original.title
        assert _quarters(db, copy) == _quarters(db, original)
    assert imported[plan["sop"].title].owner.name == "Oktavianus Pello, S.H., M.H."


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_neutralised_text_imports_back_as_it_was(api, db, make_user, make_pokja, plan, now,
                                                 extension):
    table = _exported(api, plan["coordinator"], extension, "q=hyperlink")
    empty, _report = _import(db, make_user, make_pokja, table, now)
    copy = next(iter(_items(db, empty).values()))
    hostile = plan["hostile"]
    assert (copy.title, copy.output, copy.target, copy.unit) == (
        hostile.title, hostile.output, hostile.target, hostile.unit)


def test_an_export_imports_back_onto_the_same_items_of_its_pokja(
        api, db, make_user, make_pokja, plan, now):
    coordinator = plan["coordinator"]
    headers = ("No", "Kegiatan / Rencana Aksi", "Unit Kerja", "Batas Waktu")
    sheet = Table(headers=headers, header_row=1, sheet="Rencana Aksi", rows=[
        SheetRow(2, (1, "Menyusun standar pelayanan", "BIRO-ORG", "31 Desember 2026")),
        SheetRow(3, (2, "Survei kepuasan masyarakat", "BIRO-ORG", "30 Juni 2026"))])
    target = make_pokja(name="Pokja Peningkatan Kualitas Pelayanan Publik",
                        coordinators=[coordinator])
    run_import(coordinator, target.id, sheet, year=2026, now=now, dry_run=False)
    db.session.commit()
    before = {item.id: item.title for item in _items(db, target).values()}
    table = _exported(api, coordinator, "xlsx", f"pokja_id={target.id}")  # by due date
    report = run_import(coordinator, target.id, table, year=2026, now=now, dry_run=True)
    assert (report.created, report.updated, report.skipped, report.errors) == (0, 0, 2, [])
    assert {row["item_id"]: row["title"] for row in report.rows} == before
    assert {row["reason"] for row in report.rows} == {
        "The item already says what this row says."}


def test_two_rows_edited_in_an_export_update_exactly_those_items(api, db, plan, now):
    coordinator, pokja = plan["coordinator"], plan["pokja"]
    sop, unowned, hostile = plan["sop"], plan["unowned"], plan["hostile"]
    versions = {item.id: item.version for item in (sop, unowned, hostile)}
    table = _edited(api, coordinator, f"pokja_id={pokja.id}", {
        sop.id: {"progress": 60, "budget": 17_500_000},
        hostile.id: {"title": "Menautkan layanan perizinan berusaha ke OSS"},
    })

    report = run_import(coordinator, pokja.id, table, year=2026, now=now, dry_run=False,
                        source="rencana-aksi-diperbaiki.xlsx")
    db.session.commit()

    assert (report.created, report.updated, report.skipped, report.errors) == (0, 2, 1, [])
    changed = {row["item_id"]: row["changes"] for row in report.rows
               if row["action"] == "update"}
    assert changed == {sop.id: ["budget", "progress"], hostile.id: ["title"]}
    db.session.expire_all()
    assert (sop.progress, sop.budget) == (60, 17_500_000)
    assert hostile.title == "Menautkan layanan perizinan berusaha ke OSS"
    assert hostile.output == "+62 812 3456 7890"  # read back without the apostrophe
    assert unowned.version == versions[unowned.id]
    assert len(_items(db, pokja)) == 3
    assert _keys(db, pokja) == {}  # an export's row numbers are not kept as keys


def test_an_export_into_another_pokja_makes_copies_that_a_reimport_updates(
        api, db, make_user, make_pokja, plan, now):
    source = plan["pokja"]
    query = f"pokja_id={source.id}"
    empty, first = _import(db, make_user, make_pokja, _exported(
        api, plan["coordinator"], "xlsx", query), now)
    assert first.created == 3
    sop = plan["sop"]
    assert {row["reason"] for row in first.rows} == {
        f"ID {item.id} is not an item of this pokja; the row is matched by its number or "
        "action instead." for item in (sop, plan["unowned"], plan["hostile"])}
    copies = _items(db, empty)
    assert not {item.id for item in copies.values()} & {sop.id, plan["unowned"].id}

    coordinator = empty.coordinators[0]
    sop_version = sop.version
    table = _edited(api, plan["coordinator"], query, {sop.id: {"progress": 80}})
    again = run_import(coordinator, empty.id, table, year=2026, now=now, dry_run=False)
    db.session.commit()

    assert (again.created, again.updated, again.skipped, again.errors) == (0, 1, 2, [])
    updated = next(row for row in again.rows if row["action"] == "update")
    assert updated["item_id"] == copies[sop.title].id
    db.session.expire_all()
    assert copies[sop.title].progress == 80
    assert (sop.progress, sop.version) == (45, sop_version)
    assert len(_items(db, empty)) == 3


def test_matching_by_id_leaves_the_keys_of_the_original_sheet_alone(
        api, db, make_pokja, plan, now):
    """The export numbers the rows by due date, the agency's sheet otherwise: after an
    edited export is imported by ID, the agency's sheet still updates its own items."""
    coordinator = plan["coordinator"]
    headers = ("No", "Kegiatan / Rencana Aksi", "Unit Kerja", "Anggaran (Rp)", "Batas Waktu")
    original = Table(headers=headers, header_row=1, sheet="Rencana Aksi", rows=[
        SheetRow(2, (1, "Menyusun standar pelayanan", "BIRO-ORG", "Rp 10.000.000",
                     "31 Desember 2026")),
        SheetRow(3, (2, "Survei kepuasan masyarakat", "BIRO-ORG", "Rp 10.000.000",
                     "30 Juni 2026"))])
    target = make_pokja(name="Pokja Peningkatan Kualitas Pelayanan Publik",
                        coordinators=[coordinator])
    run_import(coordinator, target.id, original, year=2026, now=now, dry_run=False)
    db.session.commit()
    items = _items(db, target)
    standard, survey = items["Menyusun standar pelayanan"], items["Survei kepuasan masyarakat"]
    keys = _keys(db, target)
    assert keys == {"no:1": standard.id, "no:2": survey.id}

    # in the export the survey (due in June) is No 1
    table = _edited(api, coordinator, f"pokja_id={target.id}",
                    {standard.id: {"budget": 25_000_000}})
    by_id = run_import(coordinator, target.id, table, year=2026, now=now, dry_run=False)
    db.session.commit()
    assert [(row["item_id"], row["action"]) for row in by_id.rows] == [
        (survey.id, "skip"), (standard.id, "update")]
    assert _keys(db, target) == keys

    again = run_import(coordinator, target.id, original, year=2026, now=now, dry_run=False)
    db.session.commit()
    assert [(row["item_id"], row["action"]) for row in again.rows] == [
        (standard.id, "update"), (survey.id, "skip")]
    db.session.expire_all()
    assert (standard.budget, survey.budget) == (10_000_000, 10_000_000)
