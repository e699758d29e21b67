"""How long importing a 5,000- and a 10,000-row rencana aksi sheet takes, against a bare
openpyxl read.

Run by hand from the repository root:

    python benchmarks/import_bench.py                       # 5,000 and 10,000 rows, SQLite
    python benchmarks/import_bench.py --rows 2000 --databases sqlite,postgresql

It writes one .xlsx in the agencies' shape (docs/make_example_sheet.py: title
rows, a two-row merged header, merged areas, Indonesian dates and rupiah,
quarterly targets), migrates a throwaway database with the agencies and
people the rows name, and measures in the same run:

* the baseline: openpyxl opening the file read-only and reading every cell;
* ``read_table``: the same file read into a Table (header found, merges filled);
* a dry run: read and check every row (matching, validation, no writes);
* the import: read, check, create every item with its quarters and history,
  commit — into a new pokja each time;
* importing the same sheet again: every row found by its key and compared;
* importing it once more with every row's budget and a realisation changed:
  every item updated, with its history.

It prints seconds, rows per second, SQL statements and the ratios to the
baseline. The dry run's statements do not grow with the rows; the import's
grow only by the item rows' own writes (tests/imports/test_query_counts.py).
"""
import argparse
import io
import runpy
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from measuring import StatementCounter, app_on_throwaway_database, best_of  # noqa: E402

NOW = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)
AGENCIES = (("BIRO-ORG", "Biro Organisasi"), ("BIRO-HUKUM", "Biro Hukum"),
            ("BKD", "Badan Kepegawaian Daerah"), ("DISKOMINFO", "Dinas Komunikasi dan Informatika"))
PEOPLE = ("Ignasius Kolo", "Oktavianus Pello, S.H., M.H.", "Dewi Sartika Manafe",
          "Stefanus Foenay")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")


def sheet_bytes(rows, budget_step=1_000_000, realised="0,5"):
    maker = runpy.run_path(str(ROOT / "docs" / "make_example_sheet.py"))
    data = []
    for n in range(rows):
        agency = AGENCIES[n % len(AGENCIES)][1]
        person = PEOPLE[n % len(PEOPLE)]
        deadline = (f"{(n % 28) + 1} {MONTHS[n % 12]} 2026" if n % 3 else
                    ("TW I", "TW II", "TW III", "TW IV")[n % 4])
        data.append((f"Program {n // 50 + 1}", f"Rencana aksi nomor {n + 1} tentang penguatan "
                     "akuntabilitas kinerja", "Dokumen laporan", "Laporan ditetapkan", "4",
                     "dokumen", ("1", "1", "1", "1"), ("1", realised, None, None), person, agency,
                     f"Rp {(n % 90 + 10) * budget_step:,}".replace(",", "."), deadline,
                     "Menunggu data" if n % 5 == 0 else "", "", "", ""))
    buffer = io.BytesIO()
    maker["build_workbook"](data).save(buffer)
    return buffer.getvalue()


def bare_read(data):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = sum(len(row) for row in workbook.active.iter_rows(values_only=True))
    workbook.close()
    return cells


def fill(db):
    from rbtasks.accounts.models import User
    from rbtasks.organisation.models import Agency

    agencies = [Agency(code=code, name=name) for code, name in AGENCIES]
    db.session.add_all(agencies)
    db.session.flush()
    admin = User(name="Yuliana Fanggidae", email="admin@bench.go.id", role="admin",
                 agency_id=agencies[0].id, created_at=NOW)
    people = [User(name=name, email=f"orang{n}@bench.go.id", role="member",
                   agency_id=agencies[n].id, created_at=NOW) for n, name in enumerate(PEOPLE)]
    db.session.add_all([admin, *people])
    db.session.commit()
    return admin


def measure(name, rows):
    from rbtasks.imports.services import run_import
    from rbtasks.organisation.models import Pokja
    from rbtasks.spreadsheets.reading import read_table

    data = sheet_bytes(rows)
    changed = sheet_bytes(rows, budget_step=1_100_000, realised="1")
    print(f"\n{name}: {rows:,} rows, {len(data) / 1e6:.2f} MB .xlsx")
    with app_on_throwaway_database("import", name) as (app, db):
        admin = fill(db)
        pokjas = iter(range(1, 1000))

        def new_pokja():
            pokja = Pokja(name=f"Pokja {next(pokjas)}")
            db.session.add(pokja)
            db.session.commit()
            return pokja.id

        def read(content=data):
            return read_table(io.BytesIO(content), "bench.xlsx")

        def dry_run():
            report = run_import(admin, pokja_id, read(), year=2026, now=NOW, dry_run=True)
            db.session.rollback()
            return report

        def apply(target, content=data):
            report = run_import(admin, target, read(content), year=2026, now=NOW,
                                dry_run=False, source="bench.xlsx")
            db.session.commit()
            return report

        baseline, cells = best_of(lambda: bare_read(data), repeat=3)
        reading, table = best_of(read, repeat=3)
        pokja_id = new_pokja()
        with StatementCounter(db.engine) as checking_sql:
            checking, report = best_of(dry_run)
        assert not report.errors, report.errors[:3]
        with StatementCounter(db.engine) as import_sql:
            importing, report = best_of(lambda: apply(pokja_id))
        assert report.created == rows, (report.created, report.errors[:3])
        with StatementCounter(db.engine) as again_sql:
            again, report = best_of(lambda: apply(pokja_id))
        assert report.skipped == rows
        with StatementCounter(db.engine) as changed_sql:
            changing, report = best_of(lambda: apply(pokja_id, changed))
        assert report.updated == rows, (report.updated, report.errors[:3])

    lines = [("openpyxl read-only, every cell (baseline)", baseline, None),
             ("read_table (header, merges, cells)", reading, None),
             ("dry run (read + check every row)", checking, checking_sql.count),
             ("import (read + check + create + commit)", importing, import_sql.count),
             ("the same sheet again (all unchanged)", again, again_sql.count),
             ("again, every row changed (all updated)", changing, changed_sql.count)]
    print(f"  {cells:,} cells, table of {len(table.rows):,} rows")
    for label, seconds, statements in lines:
        sql = f"{statements:>8,} SQL" if statements is not None else " " * 12
        print(f"  {label:44} {seconds:8.3f} s {rows / seconds:9,.0f} rows/s {sql}"
              f"  ×{seconds / baseline:7.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="5000,10000", help="row counts, comma-separated")
    parser.add_argument("--databases", default="sqlite")
    args = parser.parse_args()
    started = time.perf_counter()
    for name in args.databases.split(","):
        for rows in args.rows.split(","):
            measure(name.strip(), int(rows))
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
