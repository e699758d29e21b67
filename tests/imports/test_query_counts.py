"""An import costs the same SQL statements for 10 rows as for 200, but for the item rows.

The pokjas, agencies, people, the pokja's import keys, their items and
quarters are loaded before the first row, and the quarters, keys and history
are written in batches: a dry run costs the same for any number of rows. The
only statements per row are the item rows' own: an UPDATE of each item the
import changes (its version guards it, so SQLAlchemy updates one row at a
time), and on SQLite an INSERT of each new item (SQLite does not promise the
order of RETURNING, so SQLAlchemy inserts rows with generated keys one by
one). That is at most 2 per row (benchmarks/import_bench.py has the seconds).
"""
import io

import openpyxl
import pytest
import sqlalchemy as sa

from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.spreadsheets.columns import field_for_header
from tests.imports.sheets import example_row, xlsx_bytes
from tests.queries import counting_queries

# Every statement on the engine is counted: no harness SAVEPOINTs among them.
pytestmark = pytest.mark.real_commits


def _sheet(count, budget="Rp 15.000.000", realised="0,5"):
    """``count`` rows in four shapes: owner by name or email or none, dates written four
    ways, quarterly targets and realisation on some rows, kendala on others."""
    shapes = (
        dict(targets=("1", "1", "1", "1"), realisations=("1", realised, None, None)),
        dict(agency="Biro Organisasi", owner="ignasius.kolo@nttprov.go.id",
             deadline="TW III"),
        dict(owner=None, deadline="30/06/2026", obstacles="Menunggu data dari OPD"),
        dict(agency="BIRO-ORG", owner="Ignasius Kolo", deadline="Desember 2026",
             targets=(None, "2", None, None)),
    )
    return xlsx_bytes([example_row(f"Rencana aksi nomor {n + 1} tentang penguatan "
                                   "akuntabilitas kinerja", budget=budget, **shapes[n % 4])
                       for n in range(count)])


def test_dry_run_import_and_reimport_cost_the_same_for_10_and_200_rows(db, api, cast,
                                                                         make_pokja):
    client = api(cast["coordinator"])
    pokjas = {size: make_pokja(name=f"Pokja Akuntabilitas Kinerja {size}",
                               coordinators=[cast["coordinator"]]).id for size in (10, 200)}
    db.session.commit()

    def post(size, dry_run, **sheet):
        """(statements other than item rows' writes, item rows' writes) of one import."""
        with counting_queries(db.engine) as statements:
            response = client.post("/api/v1/imports", content_type="multipart/form-data",
                                   data={"pokja_id": str(pokjas[size]), "dry_run": dry_run,
                                         "year": "2026", "file": (
                                             io.BytesIO(_sheet(size, **sheet)),
                                             "rencana-aksi-2026.xlsx")})
        assert response.status_code == 200, response.get_json()
        assert not response.get_json()["errors"]
        item_writes = [s for s in statements if s.lstrip().upper().startswith(
            ("INSERT INTO ACTION_ITEM", "UPDATE ACTION_ITEM"))]
        return len(statements) - len(item_writes), len(item_writes)

    post(10, "true")  # warm up (the token's last-used stamp)
    counts = {size: {
        "dry run": post(size, "true"),
        "import": post(size, "false"),
        "again, unchanged": post(size, "false"),
        "again, changed": post(size, "false", budget="Rp 20.000.000", realised="1"),
    } for size in (10, 200)}

    for work in counts[10]:
        assert counts[10][work][0] == counts[200][work][0], (work, counts)
        assert counts[200][work][1] <= 2 * 200, (work, counts)
    assert counts[200]["dry run"] == counts[200]["again, unchanged"] == (counts[10]["dry run"][0],
                                                                        0)
    assert counts[10]["dry run"][0] <= 12 and counts[10]["import"][0] <= 30, counts
    # the statements did the work: every row made one item, then changed it
    items = db.session.scalars(sa.select(ActionItem).where(
        ActionItem.pokja_id == pokjas[200])).all()
    assert len(items) == 200
    assert {item.budget for item in items} == {20_000_000}
    assert db.session.scalar(sa.select(sa.func.count(ActivityEntry.id)).where(
        ActivityEntry.item_id.in_([item.id for item in items]),
        ActivityEntry.action == "imported")) == 400


def _with_budgets(data, budget):
    """The exported .xlsx with every row's budget changed, as a person editing it would."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook.active
    column = next(cell.column for cell in sheet[1] if field_for_header(cell.value) == "budget")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column).value = budget
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_reimporting_an_export_costs_the_same_for_10_and_200_items(db, api, cast, make_pokja,
                                                                   make_item):
    """The rows name their items by ID: those items and their quarters are loaded with the
    keys' before the first row, not one by one."""
    client = api(cast["coordinator"])
    exported = {}
    for size in (10, 200):
        pokja = make_pokja(name=f"Pokja Pelayanan Publik {size}",
                           coordinators=[cast["coordinator"]])
        for n in range(size):
            make_item(pokja=pokja, agency=cast["biro_org"], budget=15_000_000,
                      title=f"Rencana aksi nomor {n + 1} tentang standar pelayanan publik")
        response = client.get(f"/api/v1/items.xlsx?pokja_id={pokja.id}")
        assert response.status_code == 200
        exported[size] = (pokja.id, response.get_data())

    def post(size, dry_run, budget=None):
        pokja_id, data = exported[size]
        if budget is not None:
            data = _with_budgets(data, budget)
        with counting_queries(db.engine) as statements:
            response = client.post("/api/v1/imports", content_type="multipart/form-data",
                                   data={"pokja_id": str(pokja_id), "dry_run": dry_run,
                                         "year": "2026", "file": (
                                             io.BytesIO(data), "rencana-aksi-2026.xlsx")})
        body = response.get_json()
        assert response.status_code == 200 and not body["errors"], body
        assert body["created"] == 0
        item_writes = [s for s in statements if s.lstrip().upper().startswith(
            ("INSERT INTO ACTION_ITEM", "UPDATE ACTION_ITEM"))]
        return len(statements) - len(item_writes), len(item_writes), body["updated"]

    post(10, "true")  # warm up (the token's last-used stamp)
    counts = {size: {"dry run": post(size, "true"),
                     "changed": post(size, "false", budget=20_000_000)} for size in (10, 200)}

    assert counts[10]["dry run"] == counts[200]["dry run"] == (counts[10]["dry run"][0], 0, 0)
    assert counts[10]["changed"][0] == counts[200]["changed"][0], counts
    assert counts[200]["changed"][1:] == (200, 200), counts
    assert counts[10]["dry run"][0] <= 14, counts
