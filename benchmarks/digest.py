"""How long planning the weekly digest takes on a big province, against the
raw aggregate SQL it needs.

Run by hand from the repository root:

    python benchmarks/digest.py                      # 100,000 items, SQLite and PostgreSQL
    python benchmarks/digest.py --items 20000 --databases sqlite

For each database it builds a throwaway database (a temporary SQLite file; a
new PostgreSQL database that is dropped afterwards — never ``test``),
migrates it and fills it with ``--items`` action items across 50 agencies and
8 pokja (10% overdue, some completed last week, some escalated last week),
three leaders and two coordinators per pokja, and last week's snapshots.
Then, in the same run, it measures:

* the raw SQL the digest needs, written by hand (best of three): per scope
  (the whole plan and each pokja) the status aggregate per pokja, the
  overdue aggregate per agency and the next deadlines; once, the snapshot
  aggregate and last week's completed, newly overdue and escalated items;
* ``plan_digests`` as a dry run and for real (written and committed), with
  the number of SQL statements and the share of time spent drawing charts
  (matplotlib), which no SQL can replace.
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
from measuring import StatementCounter, app_on_throwaway_database, best_of  # noqa: E402
from measuring import run_from_command_line  # noqa: E402  (beside this script)

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 11, 30, 7, 30, tzinfo=WITA).astimezone(timezone.utc)   # Monday
TODAY = date(2026, 11, 30)
LAST_MONDAY = TODAY - timedelta(days=7)
AGENCIES = 50
POKJAS = 8


# ---- the province ----------------------------------------------------------

def fill(db, items, seed=2026):
    """Agencies, people, pokja, ``items`` action items, last week's
    escalations and snapshots, with plain inserts."""
    from rbtasks.accounts.models import User
    from rbtasks.snapshots.services import take_snapshots
    from rbtasks.items.models import ActionItem
    from rbtasks.organisation.models import Agency, Pokja, pokja_coordinator
    from rbtasks.outbox.models import OutboxEntry, OutboxMessage

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
    people += [{"name": f"Koordinator {n}", "email": f"koordinator{n}@nttprov.go.id",
                "role": "coordinator", "agency_id": agency_ids[0], "locale": "en" if n % 3
                else "id", "active": True, "created_at": created} for n in range(2 * POKJAS)]
    people += [{"name": f"Ketua {n}", "email": f"ketua{n}@nttprov.go.id", "role": "leader",
                "agency_id": agency_ids[0], "locale": "en" if n else "id", "active": True,
                "created_at": created} for n in range(3)]
    session.execute(sa.insert(User), people)
    session.execute(sa.insert(Pokja), [{"name": f"Pokja {n}", "lead_agency_id": agency_ids[n]}
                                       for n in range(POKJAS)])
    pokja_ids = session.scalars(sa.select(Pokja.id).order_by(Pokja.id)).all()
    coordinators = session.scalars(
        sa.select(User.id).where(User.role == "coordinator").order_by(User.id)).all()
    session.execute(sa.insert(pokja_coordinator), [
        {"pokja_id": pokja_ids[n // 2], "user_id": user_id}
        for n, user_id in enumerate(coordinators)])
    owners = session.execute(sa.select(User.id, User.agency_id).where(User.role == "member")).all()

    # Last week's snapshots, from the plan as it was (before this week's items).
    rows = []
    for index in range(items):
        owner_id, agency_id = rng.choice(owners)
        roll, completed_at, progress = rng.random(), None, rng.randint(0, 90)
        status = rng.choice(("not_started", "in_progress", "blocked"))
        if roll < 0.10:
            due = TODAY - timedelta(days=rng.randint(1, 120))
        elif roll < 0.12:
            due, status = TODAY + timedelta(days=rng.randint(1, 200)), "submitted"
        elif roll < 0.22:
            due, status, progress = TODAY - timedelta(days=rng.randint(0, 200)), "done", 100
            completed_at = NOW - timedelta(days=rng.randint(1, 300), hours=rng.randint(0, 8))
        elif roll < 0.25:
            due, status = TODAY + timedelta(days=rng.randint(-200, 200)), "cancelled"
        else:
            due = TODAY + timedelta(days=rng.randint(0, 365))
        rows.append({"pokja_id": rng.choice(pokja_ids), "title": f"Rencana aksi {index}",
                     "owner_id": owner_id, "agency_id": agency_id, "due_date": due,
                     "status": status, "progress": progress, "completed_at": completed_at,
                     "priority": "normal", "created_at": created, "updated_at": created,
                     "version": 1})
        if len(rows) == 10_000:
            session.execute(sa.insert(ActionItem), rows)
            rows = []
    if rows:
        session.execute(sa.insert(ActionItem), rows)
    take_snapshots(NOW - timedelta(days=7))

    overdue = session.scalars(sa.select(ActionItem.id).where(
        ActionItem.status.in_(("not_started", "in_progress", "blocked")),
        ActionItem.due_date < TODAY - timedelta(days=14))).all()
    escalated = rng.sample(overdue, min(len(overdue), items // 100))
    planned_at = NOW - timedelta(days=5)
    session.execute(sa.insert(OutboxMessage), [
        {"kind": "reminder", "recipient_email": f"kepala{n}@nttprov.go.id", "subject": "-",
         "body_text": "-", "body_html": "-", "message_id": f"<bench-{n}@rbtasks>",
         "status": "sent", "attempts": 1, "planned_at": planned_at,
         "next_attempt_at": planned_at, "locale": "id", "recipient_name": ""}
        for n in range(AGENCIES)])
    message_ids = session.scalars(sa.select(OutboxMessage.id).order_by(OutboxMessage.id)).all()
    session.execute(sa.insert(OutboxEntry), [
        {"message_id": message_ids[n % AGENCIES], "item_id": item_id, "stage": "escalation_1",
         "due_date": TODAY - timedelta(days=20), "period": 1,
         "recipient_email": f"kepala{n % AGENCIES}@nttprov.go.id"}
        for n, item_id in enumerate(escalated)])
    session.commit()


# ---- measuring -------------------------------------------------------------

OPEN = "('not_started', 'in_progress', 'blocked')"


def raw_sql(db):
    """The aggregates and lists the digest needs, by hand-written SQL; returns
    the number of rows read."""
    start = datetime.combine(LAST_MONDAY, datetime.min.time(), tzinfo=WITA)
    end = datetime.combine(TODAY, datetime.min.time(), tzinfo=WITA)
    params = {"today": TODAY, "until": TODAY + timedelta(days=14),
              "monday": LAST_MONDAY, "sunday": TODAY - timedelta(days=1),
              "start": start.astimezone(timezone.utc).replace(tzinfo=None),
              "end": end.astimezone(timezone.utc).replace(tzinfo=None)}
    pokja_ids = db.session.scalars(sa.text("SELECT id FROM pokja ORDER BY id")).all()
    read = 0
    for scope in [None] + [[pokja_id] for pokja_id in pokja_ids]:
        where = "i.deleted_at IS NULL" + (
            f" AND i.pokja_id IN ({', '.join(map(str, scope))})" if scope else "")
        for sql in (
            f"""SELECT p.id, p.name, i.status, COUNT(i.id), SUM(i.progress),
                       SUM(CASE WHEN i.status IN {OPEN} AND i.due_date < :today THEN 1 ELSE 0 END),
                       SUM(CASE WHEN i.status IN {OPEN} AND i.due_date >= :today
                                 AND i.due_date <= :until THEN 1 ELSE 0 END)
                FROM action_item i JOIN pokja p ON p.id = i.pokja_id WHERE {where}
                GROUP BY p.id, p.name, i.status""",
            f"""SELECT a.id, a.name, a.code, COUNT(i.id),
                       SUM(CASE WHEN i.status IN {OPEN} AND i.due_date < :today THEN 1 ELSE 0 END),
                       MIN(CASE WHEN i.status IN {OPEN} AND i.due_date < :today
                                THEN i.due_date END)
                FROM action_item i JOIN agency a ON a.id = i.agency_id WHERE {where}
                GROUP BY a.id, a.name, a.code""",
            f"""SELECT i.id, i.title, i.due_date, i.status, p.name, a.name, u.name
                FROM action_item i JOIN pokja p ON p.id = i.pokja_id
                JOIN agency a ON a.id = i.agency_id LEFT JOIN "user" u ON u.id = i.owner_id
                WHERE {where} AND i.status IN {OPEN} AND i.due_date >= :today
                  AND i.due_date <= :until ORDER BY i.due_date, i.id LIMIT 20""",
        ):
            read += len(db.session.execute(sa.text(sql), params).all())
    for sql in (
        f"""SELECT pokja_id, agency_id, status, COUNT(id), SUM(progress),
                   SUM(CASE WHEN status IN {OPEN} AND due_date < :today THEN 1 ELSE 0 END)
            FROM action_item WHERE deleted_at IS NULL GROUP BY pokja_id, agency_id, status""",
        """SELECT i.id, i.title, i.pokja_id, p.name, a.name, i.due_date, i.completed_at
           FROM action_item i JOIN pokja p ON p.id = i.pokja_id JOIN agency a ON a.id = i.agency_id
           WHERE i.deleted_at IS NULL AND i.status = 'done'
             AND i.completed_at >= :start AND i.completed_at < :end""",
        f"""SELECT i.id, i.title, i.pokja_id, p.name, a.name, i.due_date
            FROM action_item i JOIN pokja p ON p.id = i.pokja_id
            JOIN agency a ON a.id = i.agency_id
            WHERE i.deleted_at IS NULL AND i.status IN {OPEN}
              AND i.due_date >= :monday AND i.due_date <= :sunday""",
        """SELECT i.id, i.title, i.pokja_id, MAX(e.stage)
           FROM action_item i JOIN outbox_entry e ON e.item_id = i.id
           JOIN outbox_message m ON m.id = e.message_id
           WHERE i.deleted_at IS NULL AND e.stage IN ('escalation_1', 'escalation_2')
             AND m.planned_at >= :start AND m.planned_at < :end
           GROUP BY i.id, i.title, i.pokja_id""",
    ):
        read += len(db.session.execute(sa.text(sql), params).all())
    return read


class ChartClock:
    """Adds up the time spent drawing charts during a run."""

    def __init__(self):
        from rbtasks.digest import render

        self.render = render
        self.seconds = 0.0

    def __enter__(self):
        original = self.original = self.render.status_per_pokja_png

        def timed_chart(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        self.render.status_per_pokja_png = timed_chart
        return self

    def __exit__(self, *exc):
        self.render.status_per_pokja_png = self.original


def measure(name, items):
    from rbtasks.digest.planner import plan_digests

    with app_on_throwaway_database("digest", name, MAIL_SERVER="") as (_app, db):
        fill_time, _ = best_of(lambda: fill(db, items))
        print(f"\n== {name}: {items:,} items (inserted in {fill_time:.1f} s) ==")
        raw_sql(db)  # warm the caches once, as the digest's first query would
        raw_time, rows_read = best_of(lambda: raw_sql(db), repeat=3)
        db.session.rollback()

        def run(dry_run):
            def plan():
                report = plan_digests(NOW, dry_run=dry_run)
                db.session.rollback() if dry_run else db.session.commit()
                return report
            return plan

        with StatementCounter(db.engine) as dry_queries, ChartClock() as dry_charts:
            dry_time, dry_report = best_of(run(dry_run=True))
        with StatementCounter(db.engine) as real_queries, ChartClock() as real_charts:
            real_time, real_report = best_of(run(dry_run=False))
        again_time, again_report = best_of(run(dry_run=False))

        print(f"digests planned: {len(real_report.messages)} "
              f"(then {len(again_report.messages)} on a second run)")
        print(f"raw aggregate SQL ({rows_read:,} rows): {raw_time * 1000:9.1f} ms")
        for label, elapsed, queries, charts in (
                ("plan_digests, dry run:      ", dry_time, dry_queries, dry_charts),
                ("plan_digests, real:         ", real_time, real_queries, real_charts)):
            without = elapsed - charts.seconds
            print(f"{label} {elapsed * 1000:9.1f} ms  ratio {elapsed / raw_time:6.1f}x  "
                  f"{queries.count} statements; charts {charts.seconds * 1000:.0f} ms, "
                  f"without charts {without * 1000:.1f} ms = ratio "
                  f"{without / raw_time:5.1f}x")
        print(f"plan_digests, second run:     {again_time * 1000:9.1f} ms  "
              f"(everyone already planned)")


if __name__ == "__main__":
    run_from_command_line(__doc__.splitlines()[0], measure)
