"""Perlu tindakan costs the same statements for 12 items as for 360, for every role:
the dashboard, "My tasks" and the page all show it on every visit."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from rbtasks.deadlines.models import ExtensionRequest
from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.timeutil import local_today, utc_now
from tests.queries import queries_for

# Every statement on the engine is counted: no harness SAVEPOINTs among them.
pytestmark = pytest.mark.real_commits

KINDS = 6


def _add_items(db, cast, count, now, start=0):
    """``count`` items of six kinds in turn: submitted; due in three days with a pending
    extension request; returned; two days late; 40 days late; a week late."""
    today = local_today(now)
    owner, coordinator = cast["owner"], cast["coordinator"]
    shapes = [("submitted", 20), ("in_progress", 3), ("in_progress", 30),
              ("in_progress", -2), ("blocked", -40), ("not_started", -7)]
    rows = []
    for n in range(start, start + count):
        status, offset = shapes[n % KINDS]
        rows.append({
            "pokja_id": cast["pokja"].id, "agency_id": cast["agency"].id,
            "owner_id": owner.id, "title": f"Rencana aksi Inspektorat nomor {n}",
            "description": "", "output": "", "indicator": "", "target": "", "unit": "",
            "due_date": today + timedelta(days=offset), "status": status, "progress": 10,
            "priority": "normal", "created_at": now, "updated_at": now, "version": 1,
            "submitted_at": now - timedelta(days=1) if status == "submitted" else None,
        })
    db.session.execute(sa.insert(ActionItem), rows)
    ids = db.session.scalars(sa.select(ActionItem.id).where(
        ActionItem.title.in_([row["title"] for row in rows])).order_by(ActionItem.id)).all()
    requests, history = [], []
    for n, item_id in zip(range(start, start + count), ids, strict=True):
        if n % KINDS == 1:
            requests.append({
                "item_id": item_id, "open_item_id": item_id, "status": "pending",
                "old_due_date": today + timedelta(days=3),
                "new_due_date": today + timedelta(days=30), "reason": "Menunggu SK Gubernur",
                "requested_by_id": owner.id, "requested_at": now - timedelta(hours=2)})
        if n % KINDS == 2:
            for action, actor, hours, note in (
                    ("submit", owner, 30, "Notulen dan daftar hadir terlampir"),
                    ("return", coordinator, 6, "Foto kegiatan belum ada")):
                history.append({
                    "item_id": item_id, "actor_id": actor.id, "action": action,
                    "at": now - timedelta(hours=hours), "field": "status", "note": note})
    db.session.execute(sa.insert(ExtensionRequest), requests)
    db.session.execute(sa.insert(ActivityEntry), history)
    db.session.commit()


def test_the_inbox_costs_the_same_for_12_and_360_items(db, login, api, make_user, make_pokja,
                                                      make_agency):
    now = utc_now()
    agency = make_agency(name="Inspektorat Daerah", code="ITDA")
    cast = {"agency": agency,
            "owner": make_user(name="Yohanes Seran, S.E.", agency=agency),
            "coordinator": make_user(role="coordinator", name="Drs. Benediktus Ndun, M.Si.",
                                     agency=agency),
            "head": make_user(role="agency_head", name="Oktavianus Pello, S.H., M.H.",
                              agency=agency),
            "leader": make_user(role="leader", name="Drs. Yosef Lede, M.Si."),
            "admin": make_user(role="admin", name="Theresia Nahak, S.T.")}
    cast["pokja"] = make_pokja(coordinators=[cast["coordinator"]], members=[cast["owner"]])
    roles = ("owner", "coordinator", "head", "leader", "admin")
    pages = {role: login(cast[role]) for role in roles}
    tokens = {role: api(cast[role]) for role in roles}

    def fetchers():
        found = {}
        for role in roles:
            found[f"{role} page"] = lambda client=pages[role]: client.get("/inbox")
            found[f"{role} api"] = lambda client=tokens[role]: client.get("/api/v1/inbox")
        found["coordinator my tasks"] = lambda: pages["coordinator"].get("/my-items")
        return found

    _add_items(db, cast, 12, now)
    for fetch in fetchers().values():
        fetch()  # warm up (e.g. the token's last-used stamp)
    small = {name: queries_for(db.engine, fetch) for name, fetch in fetchers().items()}
    _add_items(db, cast, 348, now, start=12)
    large = {name: queries_for(db.engine, fetch) for name, fetch in fetchers().items()}

    assert small == large
    # The signed-in user (and the token), then one statement per duty: to verify, to
    # decide, returned, their own deadlines, the overdue items watched for others;
    # agency heads and leaders also read the reminder policy and the working-day
    # calendar. A page reads only its first rows, so it also counts the entries (one
    # statement), reads the requests to decide of the entries it keeps (coordinators,
    # admins) and the watched items due around the last one read (agency heads,
    # leaders). "My tasks" adds its own two. Every page also counts the unread notices
    # for the bell in the navigation (one statement).
    assert large == {
        "owner page": 5, "owner api": 4, "coordinator page": 8, "coordinator api": 6,
        "head page": 9, "head api": 7, "leader page": 9, "leader api": 7,
        "admin page": 8, "admin api": 6, "coordinator my tasks": 10}
    counts = {role: len(tokens[role].get("/api/v1/inbox").get_json()["data"])
              for role in roles}
    # owner: due soon, returned and the three late kinds (60 each); coordinator and admin:
    # to verify and requests to decide; head: the three late kinds; leader: 40 days late
    assert counts == {"owner": 300, "coordinator": 120, "head": 180, "leader": 60,
                      "admin": 120}
