"""A feed costs the same few statements for 10 items as for 300: calendar
apps poll every feed every hour, so it must stay cheap."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from rbtasks.timeutil import local_today, utc_now
from tests.queries import queries_for

# Every statement on the engine is counted: no harness SAVEPOINTs among them.
pytestmark = pytest.mark.real_commits


def _add_items(db, pokja, agency, owners, count, start=0):
    now = utc_now()
    today = local_today(now)
    rows = [{
        "pokja_id": pokja.id, "agency_id": agency.id, "owner_id": owners[n % len(owners)].id,
        "title": f"Rencana aksi {n}", "description": "", "output": "", "indicator": "",
        "target": "", "unit": "", "due_date": today + timedelta(days=n % 300),
        "status": "in_progress", "progress": 0, "priority": "normal", "created_at": now,
        "updated_at": now, "version": 1,
    } for n in range(start, start + count)]
    db.session.execute(sa.insert(ActionItem), rows)
    db.session.commit()


def test_feeds_cost_the_same_for_10_and_300_items(client, db, feed_token, make_user,
                                                 make_agency, make_pokja):
    agency = make_agency()
    owners = [make_user(role="member", agency=agency) for _ in range(3)]
    coordinator = make_user(role="coordinator", agency=agency)
    head = make_user(role="agency_head", agency=agency)
    pokja = make_pokja(coordinators=[coordinator], members=owners)
    urls = {"mine": f"/calendar/{feed_token(owners[0])}/mine.ics",
            "pokja": f"/calendar/{feed_token(coordinator)}/pokja/{pokja.id}.ics",
            "agency": f"/calendar/{feed_token(head)}/agency/{agency.id}.ics"}

    _add_items(db, pokja, agency, owners, 10)
    small = {name: queries_for(db.engine, lambda url=url: client.get(url))
             for name, url in urls.items()}
    _add_items(db, pokja, agency, owners, 290, start=10)
    large = {name: queries_for(db.engine, lambda url=url: client.get(url))
             for name, url in urls.items()}

    assert small == large
    # the token with its user, the pokja or agency (not for "mine"), the items
    assert small == {"mine": 2, "pokja": 3, "agency": 3}
    assert client.get(urls["pokja"]).get_data().count(b"BEGIN:VEVENT") == 300
