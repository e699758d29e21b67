"""How long exporting the item list as .xlsx takes and how much memory it needs,
against a bare openpyxl write-only workbook of the same rows, at 5,000 and
100,000 items.

Run by hand from the repository root:

    python benchmarks/export_bench.py                     # 5,000 and 100,000 items
    python benchmarks/export_bench.py --sizes 2000,20000  # quicker

For each size it makes a throwaway SQLite database, migrates it and fills it
(bulk ``sa.insert``) with that many action items across 50 agencies and 8
pokja — Indonesian titles, outputs, budgets, owners with titles, half of the
items with two quarters of realisation and obstacles, a tenth with an
evidence link. Then, in the same run:

* **export**: what ``GET /api/v1/items.xlsx`` does for a leader (every item):
  ``export_rows`` (keyset batches of 500, quarters and evidence per batch)
  into ``write_xlsx`` (typed and styled cells, neutralising) on a temporary
  file;
* **bare**: the same rows, read into plain tuples *before* the measurement,
  appended to an openpyxl write-only workbook with no styles, no checks and
  no database: the floor any xlsx export with openpyxl stands on;
* **csv**: the same export as CSV, for comparison.

Times are the best of ``--repeat`` runs (the two taking turns, after no
warm-up: each run is long). Peak memory is measured in separate runs with
``tracemalloc`` (the Python heap above what was allocated before the run, so
the bare run's pre-read rows do not count), because tracing slows the work.
It prints the figures, the ratio export/bare, and how time and memory grow
from the smallest size to the largest: linear time, flat memory.
"""
import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from measuring import app_on_throwaway_database  # noqa: E402  (beside this script)

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)
TODAY = date(2026, 11, 25)
AGENCIES = 50
POKJAS = 8
ACTIONS = ("Menyusun SOP pelayanan", "Reviu peta proses bisnis", "Sosialisasi zona integritas",
           "Evaluasi SAKIP", "Bimbingan teknis SPBE", "Survei kepuasan masyarakat",
           "Penyusunan standar pelayanan", "Monitoring pengendalian gratifikasi")
OWNERS = ("Oktavianus Pello, S.H., M.H.", "Drs. Benediktus Ndun, M.Si.", "Maria Goreti Lake, S.E.",
          "Yohanes Bria, S.Kom.", "Ir. Fransiska Bunga, M.T.")


# ---- data ------------------------------------------------------------------

def fill(db, items, seed=2026):
    """Agencies, people, pokja and ``items`` action items with quarters and
    evidence, by plain inserts. Returns the leader's id."""
    from rbtasks.accounts.models import User
    from rbtasks.evidence.models import Evidence
    from rbtasks.items.models import ActionItem
    from rbtasks.organisation.models import Agency, Area, Pokja
    from rbtasks.realisation.models import QuarterRealisation

    rng = random.Random(seed)
    created = NOW - timedelta(days=300)
    session = db.session
    session.execute(sa.insert(Agency), [
        {"name": f"Perangkat Daerah {n}", "code": f"PD{n}", "head_name": f"Kepala {n}",
         "head_email": f"kepala{n}@nttprov.go.id"} for n in range(AGENCIES)])
    agency_ids = session.scalars(sa.select(Agency.id).order_by(Agency.id)).all()
    session.execute(sa.insert(User), [
        {"name": f"{OWNERS[n % len(OWNERS)]} ({n})", "email": f"pegawai{n}@nttprov.go.id",
         "role": "member", "agency_id": agency_ids[n % AGENCIES], "locale": "id",
         "active": True, "created_at": created} for n in range(500)]
        + [{"name": "Ketua Tim RB", "email": "ketua@nttprov.go.id", "role": "leader",
            "agency_id": agency_ids[0], "locale": "id", "active": True, "created_at": created}])
    area_ids = session.scalars(sa.select(Area.id).order_by(Area.id)).all()
    session.execute(sa.insert(Pokja), [
        {"name": f"Pokja {n}", "area_id": area_ids[n % len(area_ids)],
         "lead_agency_id": agency_ids[n]} for n in range(POKJAS)])
    pokja_ids = session.scalars(sa.select(Pokja.id).order_by(Pokja.id)).all()
    owners = session.execute(sa.select(User.id, User.agency_id).where(User.role == "member")).all()
    rows = []
    for index in range(items):
        owner_id, agency_id = rng.choice(owners)
        rows.append({
            "pokja_id": rng.choice(pokja_ids), "owner_id": owner_id, "agency_id": agency_id,
            "title": f"{rng.choice(ACTIONS)} tahap {index}", "output": "Dokumen SOP",
            "indicator": "Jumlah SOP yang ditetapkan", "target": str(rng.randint(1, 20)),
            "unit": "dokumen", "description": "Sesuai Permenpan RB No. 35 Tahun 2012",
            "budget": rng.choice((None, 15_000_000, 7_500_000, 125_000_000)),
            "due_date": TODAY + timedelta(days=rng.randint(-120, 365)),
            "status": rng.choice(("not_started", "in_progress", "blocked", "done")),
            "progress": rng.randint(0, 100), "priority": "normal", "created_at": created,
            "updated_at": created, "version": 1})
        if len(rows) == 10_000:
            session.execute(sa.insert(ActionItem), rows)
            rows = []
    if rows:
        session.execute(sa.insert(ActionItem), rows)
    item_ids = session.scalars(sa.select(ActionItem.id).order_by(ActionItem.id)).all()
    quarters, evidence = [], []
    for item_id in item_ids:
        if item_id % 2 == 0:
            quarters += [
                {"item_id": item_id, "quarter": 1, "target": Decimal("3"),
                 "realisation": Decimal("3"), "obstacles": "", "follow_up": ""},
                {"item_id": item_id, "quarter": 2, "target": Decimal("4.5"),
                 "realisation": Decimal("2.25"), "obstacles": "Narasumber berhalangan",
                 "follow_up": "Menjadwalkan ulang bimbingan teknis"}]
        if item_id % 10 == 0:
            evidence.append({"item_id": item_id, "kind": "notulen", "description": "Notulen",
                             "url": f"https://ntt.go.id/rb/notulen-{item_id}",
                             "added_at": created})
        if len(quarters) >= 10_000:
            session.execute(sa.insert(QuarterRealisation), quarters)
            quarters = []
    if quarters:
        session.execute(sa.insert(QuarterRealisation), quarters)
    if evidence:
        session.execute(sa.insert(Evidence), evidence)
    session.commit()
    return session.scalar(sa.select(User.id).where(User.role == "leader"))


# ---- the three ways ----------------------------------------------------------

def export_xlsx(db, leader_id):
    from rbtasks.accounts.models import User
    from rbtasks.exports.services import export_rows
    from rbtasks.items.queries import ItemFilters
    from rbtasks.spreadsheets.columns import COLUMNS
    from rbtasks.spreadsheets.writing import write_xlsx

    db.session.expire_all()
    leader = db.session.get(User, leader_id)
    with tempfile.TemporaryFile() as stream:
        count = write_xlsx(export_rows(leader, ItemFilters(), NOW), COLUMNS, stream)
        return count, stream.tell()


def export_csv(db, leader_id):
    from rbtasks.accounts.models import User
    from rbtasks.exports.services import export_rows
    from rbtasks.items.queries import ItemFilters
    from rbtasks.spreadsheets.columns import COLUMNS
    from rbtasks.spreadsheets.writing import write_csv

    db.session.expire_all()
    leader = db.session.get(User, leader_id)
    with tempfile.TemporaryFile() as stream:
        count = write_csv(export_rows(leader, ItemFilters(), NOW), COLUMNS, stream)
        return count, stream.tell()


def plain_rows(db, leader_id):
    """The export's rows as plain tuples in column order, read once, up front."""
    from rbtasks.accounts.models import User
    from rbtasks.exports.services import export_rows
    from rbtasks.items.queries import ItemFilters
    from rbtasks.spreadsheets.columns import COLUMNS

    leader = db.session.get(User, leader_id)
    fields = [column.field for column in COLUMNS]
    return [tuple(row[field] for field in fields)
            for row in export_rows(leader, ItemFilters(), NOW)]


def bare_xlsx(headers, rows):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Rencana Aksi")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    with tempfile.TemporaryFile() as stream:
        workbook.save(stream)
        return len(rows), stream.tell()


# ---- measuring -------------------------------------------------------------

def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def peak_memory(function):
    """Peak Python heap allocated by ``function()`` above what was there before."""
    tracemalloc.start()
    try:
        baseline, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        function()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak - baseline


def measure(size, repeat):
    from rbtasks.spreadsheets.columns import COLUMNS
    from rbtasks.spreadsheets.writing import header_texts

    with app_on_throwaway_database("export", "sqlite") as (app, db):
        start = time.perf_counter()
        leader_id = fill(db, size)
        print(f"  {size:,} items seeded in {time.perf_counter() - start:.1f} s", flush=True)
        with app.test_request_context():
            headers = header_texts(COLUMNS)
            rows = plain_rows(db, leader_id)
            ways = {"export": lambda: export_xlsx(db, leader_id),
                    "bare": lambda: bare_xlsx(headers, rows),
                    "csv": lambda: export_csv(db, leader_id)}
            times = {name: None for name in ways}
            for _ in range(repeat):
                for name, way in ways.items():
                    elapsed, (count, size_bytes) = timed(way)
                    assert count == size, (name, count)
                    times[name] = elapsed if times[name] is None else min(times[name], elapsed)
                    if name == "export":
                        file_bytes = size_bytes
            memory = {name: peak_memory(way) for name, way in ways.items()}
        del rows
    return {"size": size, "times": times, "memory": memory, "file_bytes": file_bytes}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5000,100000")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    results = []
    for size in sizes:
        print(f"measuring {size:,} items", flush=True)
        results.append(measure(size, args.repeat))
    mib = 1024 * 1024
    print()
    print(f"{'items':>9} {'export s':>9} {'bare s':>8} {'ratio':>6} {'csv s':>7} "
          f"{'export MiB':>11} {'bare MiB':>9} {'csv MiB':>8} {'xlsx MiB':>9} {'µs/item':>8}")
    for result in results:
        times, memory, size = result["times"], result["memory"], result["size"]
        print(f"{size:>9,} {times['export']:>9.2f} {times['bare']:>8.2f} "
              f"{times['export'] / times['bare']:>6.2f} {times['csv']:>7.2f} "
              f"{memory['export'] / mib:>11.1f} {memory['bare'] / mib:>9.1f} "
              f"{memory['csv'] / mib:>8.1f} {result['file_bytes'] / mib:>9.1f} "
              f"{times['export'] / size * 1e6:>8.1f}")
    if len(results) > 1:
        small, large = results[0], results[-1]
        grown = large["size"] / small["size"]
        print(f"\nfrom {small['size']:,} to {large['size']:,} items ({grown:.0f}×): "
              f"export time ×{large['times']['export'] / small['times']['export']:.1f}, "
              f"bare time ×{large['times']['bare'] / small['times']['bare']:.1f}, "
              f"export peak memory ×{large['memory']['export'] / small['memory']['export']:.2f}, "
              f"csv peak memory ×{large['memory']['csv'] / small['memory']['csv']:.2f}")
        print("(the bare run's rows are read before it starts, so its peak is openpyxl's alone)")


if __name__ == "__main__":
    main()
