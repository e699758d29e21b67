"""The dashboard page and the summary API cost the same queries for 10 items as for 500,
and fewer when the numbers come from the cache."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from rbtasks.items.constants import STATUSES
from rbtasks.items.models import ActionItem
from rbtasks.timeutil import local_today, utc_now
from tests.queries import queries_for

# Every statement on the engine is counted: no harness SAVEPOINTs among them.
pytestmark = pytest.mark.real_commits


def _add_items(db, pokjas, agencies, owners, count, now, start=0):
    today = local_today(now)
    rows = [{
        "pokja_id": pokjas[n % len(pokjas)].id, "agency_id": agencies[n % len(agencies)].id,
        "owner_id": owners[n % len(owners)].id, "title": f"Rencana aksi {n}",
        "description": "", "output": "", "indicator": "", "target": "", "unit": "",
        # due dates from 40 days ago to 19 days ahead: overdue, due soon and later
        "due_date": today + timedelta(days=(n % 60) - 40), "status": STATUSES[n % len(STATUSES)],
        "progress": n % 101, "priority": "normal", "created_at": now, "updated_at": now,
        "version": 1,
    } for n in range(start, start + count)]
    db.session.execute(sa.insert(ActionItem), rows)
    db.session.commit()


def test_dashboard_and_summary_cost_the_same_for_10_and_500_items(
        db, login, api, make_user, make_pokja, make_agency):
    now = utc_now()
    agencies = [make_agency() for _ in range(4)]
    owners = [make_user(role="member", agency=agencies[n]) for n in range(4)]
    leader = make_user(role="leader")
    coordinator = make_user(role="coordinator")
    pokjas = [make_pokja(coordinators=[coordinator]), make_pokja(coordinators=[coordinator]),
              make_pokja()]
    clients = {"leader page": login(leader), "coordinator page": login(coordinator)}
    api_clients = {"leader api": api(leader), "coordinator api": api(coordinator)}

    def fetchers():
        pages = {name: (lambda c=client: c.get("/dashboard")) for name, client in clients.items()}
        apis = {name: (lambda c=client: c.get("/api/v1/summary"))
                for name, client in api_clients.items()}
        return {**pages, **apis}

    for fetch in fetchers().values():
        fetch()  # warm up (e.g. the token's last-used stamp)

    def measure():
        """Statements of the first fetch after a change (computed: the leader's
        page and API share one scope, so the API answers from the cache) and
        of the next (cached)."""
        computed = {name: queries_for(db.engine, fetch) for name, fetch in fetchers().items()}
        cached = {name: queries_for(db.engine, fetch) for name, fetch in fetchers().items()}
        return computed, cached

    _add_items(db, pokjas, agencies, owners, 10, now)
    small, small_cached = measure()
    _add_items(db, pokjas, agencies, owners, 490, now, start=10)
    large, large_cached = measure()

    assert small == large and small_cached == large_cached
    for name in ("leader page", "coordinator page"):
        assert small_cached[name] < small[name], name
    body = api_clients["leader api"].get("/api/v1/summary").get_json()
    assert body["headline"]["total"] == 500
    assert body["headline"]["overdue"] > 0 and body["headline"]["due_soon"] > 20
