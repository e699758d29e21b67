"""`flask rb import PATH --pokja ID`: the report, the exit code, the acting user."""
import sqlalchemy as sa

from rbtasks.items.models import ActionItem, ActivityEntry
from tests.imports.sheets import example_row, xlsx_bytes


def _file(tmp_path, rows=None, name="rencana-aksi.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx_bytes(rows or [
        example_row("Inventarisasi perda yang menghambat investasi"),
        example_row("Harmonisasi ranperda perizinan", agency="BIRO-ORG",
                    owner="Ignasius Kolo", deadline="Desember 2026")]))
    return str(path)


def _items(db, pokja):
    return db.session.scalars(sa.select(ActionItem).where(ActionItem.pokja_id == pokja.id)).all()


def test_a_dry_run_prints_the_report_and_changes_nothing(runner, db, cast, tmp_path):
    result = runner.invoke(args=["rb", "import", _file(tmp_path), "--pokja",
                                 str(cast["pokja"].id), "--dry-run", "--year", "2026",
                                 "--as", cast["coordinator"].email])

    assert result.exit_code == 0, result.output
    assert "Dry run, nothing changed: 2 to create, 0 to update, 0 to skip." in result.output
    assert _items(db, cast["pokja"]) == []


def test_an_import_applies_as_the_first_admin_by_default(runner, db, cast, tmp_path,
                                                          make_user):
    admin = make_user(role="admin", name="Yuliana Fanggidae")
    path = _file(tmp_path)
    result = runner.invoke(args=["rb", "import", path, "--pokja", str(cast["pokja"].id)])

    assert result.exit_code == 0, result.output
    assert "Imported: 2 created, 0 updated, 0 skipped." in result.output
    items = _items(db, cast["pokja"])
    assert {item.created_by_id for item in items} == {admin.id}
    imported = db.session.scalars(sa.select(ActivityEntry.actor_id)
                                  .where(ActivityEntry.action == "imported")).all()
    assert imported == [admin.id, admin.id]

    again = runner.invoke(args=["rb", "import", path, "--pokja", str(cast["pokja"].id)])
    assert "Imported: 0 created, 0 updated, 2 skipped." in again.output
    assert len(_items(db, cast["pokja"])) == 2


def test_row_errors_exit_non_zero_naming_row_and_column(runner, db, cast, tmp_path):
    path = _file(tmp_path, [example_row("Inventarisasi perda"),
                            example_row("Harmonisasi ranperda", agency="Dinas Pariwisata")])
    result = runner.invoke(args=["rb", "import", path, "--pokja", str(cast["pokja"].id),
                                 "--as", cast["coordinator"].email])

    assert result.exit_code == 1
    assert "Nothing imported: 1 error. Would create 1, update 0, skip 0." in result.output
    assert ("row 8, UNIT KERJA: No agency has the code or name “Dinas Pariwisata”."
            in result.output)
    assert _items(db, cast["pokja"]) == []


def test_refusals_exit_non_zero_with_the_message(runner, db, cast, tmp_path):
    damaged = tmp_path / "rusak.xlsx"
    damaged.write_bytes(b"PK\x03\x04 bukan workbook")
    result = runner.invoke(args=["rb", "import", str(damaged), "--pokja", str(cast["pokja"].id),
                                 "--as", cast["coordinator"].email])
    assert result.exit_code != 0 and "damaged" in result.output

    result = runner.invoke(args=["rb", "import", _file(tmp_path), "--pokja",
                                 str(cast["pokja"].id), "--as", cast["pello"].email])
    assert result.exit_code != 0
    assert "Only the pokja's coordinators can import items into it." in result.output

    result = runner.invoke(args=["rb", "import", _file(tmp_path), "--pokja",
                                 str(cast["pokja"].id), "--as", "tidak.ada@nttprov.go.id"])
    assert result.exit_code != 0 and "tidak.ada@nttprov.go.id" in result.output
    assert _items(db, cast["pokja"]) == []


def test_long_files_show_a_progress_bar(runner, db, cast, tmp_path):
    rows = [example_row(f"Rapat koordinasi ke-{n}") for n in range(1, 251)]
    result = runner.invoke(args=["rb", "import", _file(tmp_path, rows), "--pokja",
                                 str(cast["pokja"].id), "--as", cast["coordinator"].email])

    assert result.exit_code == 0, result.output
    assert "Importing" in result.stderr
    assert "Imported: 250 created" in result.stdout
    assert len(_items(db, cast["pokja"])) == 250


def test_help_says_who_the_import_acts_as(runner):
    result = runner.invoke(args=["rb", "import", "--help"])
    assert "first active admin" in result.output
