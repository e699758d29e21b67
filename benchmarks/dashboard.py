"""How long the dashboard's numbers take on a big province, against the raw
aggregate SQL they need.

Run by hand from the repository root:

    python benchmarks/dashboard.py                      # 100,000 items, SQLite and PostgreSQL
    python benchmarks/dashboard.py --items 20000 --databases sqlite

For each database it builds a throwaway database (a temporary SQLite file; a
new PostgreSQL database that is dropped afterwards — never ``test``),
migrates it and fills it with ``--items`` action items (bulk ``sa.insert``)
across 50 agencies and 8 pokja, about 10% of them overdue. Then, in the same
run and for three scopes (the leader's whole plan, one coordinator's pokja,
one agency head's agency), it measures (best of five, after one warm-up,
the two taking turns):

* the raw SQL the numbers need, written by hand: the status aggregate per
  pokja, the overdue aggregate per agency, the first 20 deadlines of the next
  14 days;
* ``summarise``: the same numbers as the dashboard, summary API and digest
  get them (scope checks, the calendar, the item-list queries, dataclasses);

and, for the leader, the whole dashboard page and one chart over HTTP (test
client), which add templates and matplotlib on top. It prints milliseconds,
the number of SQL statements and the ratios to the raw SQL.
"""
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from measuring import StatementCounter, app_on_throwaway_database, interleaved  # noqa: E402
from measuring import run_from_command_line  # noqa: E402  (beside this script)

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=WITA).astimezone(timezone.utc)
TODAY = date(2026, 11, 25)
AGENCIES = 50
POKJAS = 8
PASSWORD = "bench-rahasia-123"
OPEN = "('not_started', 'in_progress', 'blocked')"
REPEAT = 5


# ---- data ------------------------------------------------------------------

def fill(db, items, seed=2026):
    """Agencies, people, pokja and ``items`` action items, with plain inserts.
    Returns the leader, one coordinator and one agency head."""
    from werkzeug.security import generate_password_hash

    from rbtasks.accounts.models import User
    from rbtasks.items.models import ActionItem
    from rbtasks.organisation.models import Agency, Pokja, pokja_coordinator

    rng = random.Random(seed)
    created = NOW - timedelta(days=400)
    session = db.session
    session.execute(sa.insert(Agency), [
        {"name": f"Perangkat Daerah {n}", "code": f"PD{n}", "head_name": f"Kepala {n}",
         "head_email": f"kepala{n}@nttprov.go.id"} for n in range(AGENCIES)])
    agency_ids = session.scalars(sa.select(Agency.id).order_by(Agency.id)).all()
    people = [{"name": f"Pegawai {n}", "email": f"pegawai{n}@nttprov.go.id", "role": "member",
               "agency_id": agency_ids[n % AGENCIES], "locale": "id", "active": True,
               "created_at": created} for n in range(1000)]
    people += [
        {"name": "Ketua Tim RB", "email": "ketua@nttprov.go.id", "role": "leader",
         "password_hash": generate_password_hash(PASSWORD), "agency_id": agency_ids[0]},
        {"name": "Koordinator", "email": "koordinator@nttprov.go.id", "role": "coordinator",
         "agency_id": agency_ids[1]},
        {"name": "Kepala PD", "email": "kepala@nttprov.go.id", "role": "agency_head",
         "agency_id": agency_ids[2]},
    ]
    for person in people[-3:]:
        person.update({"locale": "id", "active": True, "created_at": created})
    session.execute(sa.insert(User), people)
    session.execute(sa.insert(Pokja), [{"name": f"Pokja {n}", "lead_agency_id": agency_ids[n]}
                                       for n in range(POKJAS)])
    pokja_ids = session.scalars(sa.select(Pokja.id).order_by(Pokja.id)).all()
    leader, coordinator, head = (session.scalar(sa.select(User).where(User.email == email))
                                 for email in ("ketua@nttprov.go.id", "koordinator@nttprov.go.id",
                                               "kepala@nttprov.go.id"))
    session.execute(sa.insert(pokja_coordinator), [{"pokja_id": pokja_ids[0],
                                                    "user_id": coordinator.id}])
    owners = session.execute(sa.select(User.id, User.agency_id).where(User.role == "member")).all()
    rows = []
    for index in range(items):
        owner_id, agency_id = rng.choice(owners)
        roll, progress = rng.random(), rng.randint(0, 90)
        status = rng.choice(("not_started", "in_progress", "blocked"))
        if roll < 0.10:
            due = TODAY - timedelta(days=rng.randint(1, 120))
        elif roll < 0.12:
            due, status = TODAY + timedelta(days=rng.randint(1, 200)), "submitted"
        elif roll < 0.22:
            due, status, progress = TODAY - timedelta(days=rng.randint(0, 200)), "done", 100
        elif roll < 0.25:
            due, status = TODAY + timedelta(days=rng.randint(-200, 200)), "cancelled"
        else:
            due = TODAY + timedelta(days=rng.randint(0, 365))
        rows.append({"pokja_id": rng.choice(pokja_ids), "title": f"Rencana aksi {index}",
                     "owner_id": owner_id, "agency_id": agency_id, "due_date": due,
                     "status": status, "progress": progress, "priority": "normal",
                     "created_at": created, "updated_at": created, "version": 1,
                     "deleted_at": created if roll > 0.995 else None})
        if len(rows) == 10_000:
            session.execute(sa.insert(ActionItem), rows)
            rows = []
    if rows:
        session.execute(sa.insert(ActionItem), rows)
    session.commit()
    return leader.id, coordinator.id, head.id, pokja_ids[0], head.agency_id


# ---- measuring -------------------------------------------------------------

def raw_sql(db, where_extra=""):
    """The dashboard's three queries for one scope, hand-written; returns the rows read."""
    params = {"today": TODAY, "until": TODAY + timedelta(days=14)}
    where = "i.deleted_at IS NULL" + where_extra
    read = 0
    for sql in (
        f"""SELECT p.id, p.name, i.status, COUNT(i.id), SUM(i.progress),
                   SUM(CASE WHEN i.status IN {OPEN} AND i.due_date < :today THEN 1 ELSE 0 END),
                   SUM(CASE WHEN i.status IN {OPEN} AND i.due_date >= :today
                             AND i.due_date <= :until THEN 1 ELSE 0 END)
            FROM action_item i JOIN pokja p ON p.id = i.pokja_id WHERE {where}
            GROUP BY p.id, p.name, i.status""",
        f"""SELECT a.id, a.name, a.code, COUNT(i.id),
                   SUM(CASE WHEN i.status IN {OPEN} AND i.due_date < :today THEN 1 ELSE 0 END),
                   MIN(CASE WHEN i.status IN {OPEN} AND i.due_date < :today THEN i.due_date END)
            FROM action_item i JOIN agency a ON a.id = i.agency_id WHERE {where}
            GROUP BY a.id, a.name, a.code""",
        f"""SELECT i.*, p.name, a.name, u.name
            FROM action_item i JOIN pokja p ON p.id = i.pokja_id
            JOIN agency a ON a.id = i.agency_id LEFT JOIN "user" u ON u.id = i.owner_id
            WHERE {where} AND i.status IN {OPEN} AND i.due_date >= :today
              AND i.due_date <= :until ORDER BY i.due_date, i.id LIMIT 20""",
    ):
        dates = [sa.bindparam(key, type_=sa.Date) for key in params if f":{key}" in sql]
        read += len(db.session.execute(sa.text(sql).bindparams(*dates), params).all())
    db.session.rollback()
    return read


def measure(name, items):
    from rbtasks.accounts.models import User
    from rbtasks.dashboard.summary import summarise

    with app_on_throwaway_database("dashboard", name, WTF_CSRF_ENABLED=False,
                                   RATELIMIT_ENABLED=False) as (app, db):
        start = time.perf_counter()
        leader_id, coordinator_id, head_id, pokja_id, agency_id = fill(db, items)
        seconds = time.perf_counter() - start
        print(f"\n== {name}: {items:,} items (inserted in {seconds:.1f} s) ==")
        print(f"{'scope':<22}{'raw SQL':>12}{'summarise':>13}{'ratio':>8}{'statements':>12}")
        for label, user_id, extra in (
                ("leader (whole plan)", leader_id, ""),
                ("coordinator (1 pokja)", coordinator_id, f" AND i.pokja_id IN ({pokja_id})"),
                ("agency head", head_id, f" AND i.agency_id = {agency_id}")):
            def run(user_id=user_id):
                db.session.remove()
                return summarise(db.session.get(User, user_id), NOW)

            with StatementCounter(db.engine) as counter:
                run()
            statements = counter.count
            (raw_time, _rows), (summary_time, _summary) = interleaved(
                [lambda extra=extra: raw_sql(db, extra), run], REPEAT)
            print(f"{label:<22}{raw_time * 1000:>9.1f} ms{summary_time * 1000:>10.1f} ms"
                  f"{summary_time / raw_time:>7.2f}x{statements:>12}")
        db.session.remove()
        headline = summarise(db.session.get(User, leader_id), NOW).headline
        print(f"(the whole plan: {headline.total:,} items counted, "
              f"{headline.overdue:,} overdue, {headline.due_soon:,} due in 14 days)")
        client = app.test_client()
        client.post("/login", data={"email": "ketua@nttprov.go.id", "password": PASSWORD})
        for label, path in (("dashboard page (HTTP)", "/dashboard"),
                            ("status chart PNG", "/dashboard/charts/status-per-pokja.png")):
            [(page_time, response)] = interleaved([lambda: client.get(path)], REPEAT)
            assert response.status_code == 200, (path, response.status_code)
            print(f"{label:<22}{'':>12}{page_time * 1000:>10.1f} ms")


if __name__ == "__main__":
    run_from_command_line(__doc__.splitlines()[0], measure)
