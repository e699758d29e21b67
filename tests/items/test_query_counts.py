"""The item list page and the API list cost the same number of queries for 10 items as for 1,000."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from tests.queries import queries_for

# Every statement on the engine is counted: no harness SAVEPOINTs among them.
pytestmark = pytest.mark.real_commits


def _add_items(db, pokja, agencies, owners, count, now):
    rows = [{
        "pokja_id": pokja.id, "agency_id": agencies[n % len(agencies)].id,
        "owner_id": owners[n % len(owners)].id, "title": f"Rencana aksi {n}",
        "description": "", "output": "", "indicator": "", "target": "", "unit": "",
        "due_date": date(2026, 10, 1) + timedelta(days=n % 120), "status": "in_progress",
        "progress": n % 100, "priority": "normal", "created_at": now, "updated_at": now,
        "version": 1,
    } for n in range(count)]
    db.session.execute(sa.insert(ActionItem), rows)
    db.session.commit()


def test_list_costs_the_same_for_10_and_1000_items(db, login, api, make_user, make_pokja,
                                                    make_agency, now):
    coordinator = make_user(role="coordinator")
    pokja = make_pokja(coordinators=[coordinator])
    agencies = [make_agency() for _ in range(3)]
    owners = [make_user(role="member", agency=agencies[n]) for n in range(3)]
    pokja_id = pokja.id
    page_client = login(coordinator)
    api_client = api(coordinator)

    def fetch_page():
        return page_client.get(f"/items?pokja_id={pokja_id}&per_page=100")

    def fetch_api():
        return api_client.get(f"/api/v1/items?pokja_id={pokja_id}&per_page=100")

    _add_items(db, pokja, agencies, owners, 10, now)
    fetch_page(), fetch_api()  # warm caches (e.g. the token's last-used stamp)
    small = (queries_for(db.engine, fetch_page), queries_for(db.engine, fetch_api))

    _add_items(db, pokja, agencies, owners, 990, now)
    large = (queries_for(db.engine, fetch_page), queries_for(db.engine, fetch_api))

    assert small == large
    assert api_client.get(f"/api/v1/items?pokja_id={pokja_id}").get_json()["meta"]["total"] == 1000
