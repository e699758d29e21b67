"""The report costs the same statements for 10 items as for 300 (one query for the
rows, one for their quarters, one for the rates)."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from rbtasks.realisation.models import QuarterRealisation
from tests.queries import queries_for

# Every statement on the engine is counted: no harness SAVEPOINTs among them.
pytestmark = pytest.mark.real_commits


def _add_items(db, pokjas, agency, owner, count, now, start=0):
    rows = [{"pokja_id": pokjas[n % len(pokjas)].id, "agency_id": agency.id,
             "owner_id": owner.id, "title": f"Rencana aksi {n}", "description": "",
             "output": "", "indicator": "", "target": "1", "unit": "dokumen",
             "due_date": date(2026, 1, 10) + timedelta(days=n % 300),
             "status": ("done", "in_progress", "cancelled")[n % 3],
             "completed_at": now if n % 3 == 0 else None, "progress": n % 101,
             "priority": "normal", "created_at": now, "updated_at": now, "version": 1}
            for n in range(start, start + count)]
    db.session.execute(sa.insert(ActionItem), rows)
    ids = db.session.scalars(sa.select(ActionItem.id).where(
        ActionItem.title.in_([row["title"] for row in rows]))).all()
    db.session.execute(sa.insert(QuarterRealisation), [
        {"item_id": item_id, "quarter": 1, "target": 2, "realisation": 1, "obstacles": "",
         "follow_up": ""} for item_id in ids])
    db.session.commit()


def test_the_report_costs_the_same_for_10_and_300_items(db, api, make_user, make_agency,
                                                        make_area, make_pokja, now):
    agency = make_agency()
    owner = make_user(role="member", agency=agency)
    leader = api(make_user(role="leader"))
    pokjas = [make_pokja(area=make_area()), make_pokja(area=make_area())]
    url = "/api/v1/reports/quarterly.xlsx?year=2026&quarter=4"
    _add_items(db, pokjas, agency, owner, 10, now)
    leader.get(url)  # warm up (the token's last-used stamp)
    small = queries_for(db.engine, lambda: leader.get(url))
    _add_items(db, pokjas, agency, owner, 290, now, start=10)
    assert queries_for(db.engine, lambda: leader.get(url)) == small
