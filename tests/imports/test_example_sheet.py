"""docs/contoh-rencana-aksi.xlsx imports into the demo province as it is shipped."""
from datetime import date

import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.demo.data import demo_email
from rbtasks.demo.seed import seed_demo
from rbtasks.imports.services import run_import
from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import Pokja
from rbtasks.spreadsheets.reading import read_table
from tests.imports.sheets import EXAMPLE


def test_the_example_sheet_imports_into_the_demo(db, now):
    seed_demo(now)
    db.session.commit()
    pokja = db.session.scalar(sa.select(Pokja).where(Pokja.name == "Pokja Manajemen Perubahan"))
    coordinator = db.session.scalar(sa.select(User).where(User.email == demo_email("agustinus.tefa")))
    before = db.session.scalar(sa.select(sa.func.count(ActionItem.id))
                               .where(ActionItem.pokja_id == pokja.id))
    with open(EXAMPLE, "rb") as stream:
        table = read_table(stream, EXAMPLE.name)

    report = run_import(coordinator, pokja.id, table, year=2026, now=now, dry_run=False,
                        source=EXAMPLE.name)
    db.session.commit()

    assert report.errors == []
    assert (report.created, report.updated, report.skipped) == (5, 0, 0)
    items = db.session.scalars(sa.select(ActionItem).where(ActionItem.pokja_id == pokja.id)
                               .order_by(ActionItem.id)).all()[before:]
    assert [item.due_date for item in items] == [
        date(2026, 6, 30), date(2026, 12, 31), date(2026, 9, 30), date(2026, 12, 31),
        date(2026, 12, 15)]
    assert [item.budget for item in items] == [25_000_000, 12_000_000, 15_000_000, 8_500_000,
                                               30_000_000]
    assert {item.owner.name for item in items} == {"Ignasius Kolo", "Stefanus Foenay",
                                                   "Paulus Leki"}

    again = run_import(coordinator, pokja.id, table, year=2026, now=now, dry_run=False)
    assert (again.created, again.updated, again.skipped, again.errors) == (0, 0, 5, [])
