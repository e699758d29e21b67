"""How long one reminder sweep takes on a big province, and what it costs.

Run by hand from the repository root:

    python benchmarks/sweep.py                      # 100,000 items, SQLite and PostgreSQL
    python benchmarks/sweep.py --items 20000 --databases sqlite

For each database it builds a throwaway database (a temporary SQLite file;
a new PostgreSQL database that is dropped afterwards — never ``test``),
migrates it, fills it with ``--items`` action items across 50 agencies (10%
overdue, a few submitted, done and cancelled, the rest due over the coming
year) and then measures, in the same run:

* a bare SQL query selecting the same due rows (the floor: what the database
  must do anyway), best of three;
* the sweep's planning time as a dry run and for real (written and committed),
  and a second real sweep the same day (everything already planned — the
  cost of a routine re-run);
* the number of SQL statements each sweep issues, and its peak Python memory
  (tracemalloc, in separate runs, since tracing slows Python down).
"""
import random
import sys
import time
import tracemalloc
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from measuring import StatementCounter, app_on_throwaway_database, best_of  # noqa: E402
from measuring import run_from_command_line  # noqa: E402  (beside this script)

NOW = datetime(2026, 11, 25, 7, 30, tzinfo=ZoneInfo("Asia/Makassar")).astimezone(timezone.utc)
TODAY = date(2026, 11, 25)
AGENCIES = 50
OWNERS_PER_AGENCY = 40
POKJAS = 8


# ---- the province ----------------------------------------------------------

def fill(db, items, seed=2026):
    """Agencies, people, pokjas and ``items`` action items, with plain inserts."""
    from rbtasks.accounts.models import User
    from rbtasks.items.models import ActionItem
    from rbtasks.organisation.models import Agency, Area, Pokja, pokja_coordinator

    rng = random.Random(seed)
    created = NOW - timedelta(days=400)
    session = db.session
    session.execute(sa.insert(Area), [{"name": f"Area {n}", "position": n, "active": True}
                                      for n in range(POKJAS)])
    session.execute(sa.insert(Agency), [
        {"name": f"Perangkat Daerah {n}", "code": f"PD{n}", "head_name": f"Kepala {n}",
         "head_email": f"kepala{n}@nttprov.go.id"} for n in range(AGENCIES)])
    agency_ids = session.scalars(sa.select(Agency.id).order_by(Agency.id)).all()
    area_ids = session.scalars(sa.select(Area.id).order_by(Area.id)).all()
    users = [{"name": f"Pegawai {a}-{n}", "email": f"pegawai{a}.{n}@nttprov.go.id",
              "role": "member", "agency_id": agency_id, "locale": "id", "active": True,
              "created_at": created}
             for a, agency_id in enumerate(agency_ids) for n in range(OWNERS_PER_AGENCY)]
    users += [{"name": f"Koordinator {n}", "email": f"koordinator{n}@nttprov.go.id",
               "role": "coordinator", "agency_id": agency_ids[0], "locale": "id",
               "active": True, "created_at": created} for n in range(2 * POKJAS)]
    users += [{"name": f"Ketua {n}", "email": f"ketua{n}@nttprov.go.id", "role": "leader",
               "agency_id": agency_ids[0], "locale": "en" if n else "id", "active": True,
               "created_at": created} for n in range(3)]
    session.execute(sa.insert(User), users)
    session.execute(sa.insert(Pokja), [{"name": f"Pokja {n}", "area_id": area_ids[n],
                                        "lead_agency_id": agency_ids[n]} for n in range(POKJAS)])
    pokja_ids = session.scalars(sa.select(Pokja.id).order_by(Pokja.id)).all()
    coordinator_ids = session.scalars(
        sa.select(User.id).where(User.role == "coordinator").order_by(User.id)).all()
    session.execute(sa.insert(pokja_coordinator), [
        {"pokja_id": pokja_ids[n // 2], "user_id": user_id}
        for n, user_id in enumerate(coordinator_ids)])
    owners = session.execute(
        sa.select(User.id, User.agency_id).where(User.role == "member")).all()

    rows = []
    for index in range(items):
        owner_id, agency_id = rng.choice(owners)
        roll = rng.random()
        submitted_at, status = None, rng.choice(("not_started", "in_progress", "blocked"))
        if roll < 0.10:                                   # overdue
            due = TODAY - timedelta(days=rng.randint(1, 120))
        elif roll < 0.12:                                 # waiting for verification
            due, status = TODAY + timedelta(days=rng.randint(1, 200)), "submitted"
            submitted_at = NOW - timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 8))
        elif roll < 0.22:
            due, status = TODAY + timedelta(days=rng.randint(-200, 200)), "done"
        elif roll < 0.25:
            due, status = TODAY + timedelta(days=rng.randint(-200, 200)), "cancelled"
        else:                                             # open, due in the coming year
            due = TODAY + timedelta(days=rng.randint(0, 365))
        rows.append({
            "pokja_id": rng.choice(pokja_ids), "title": f"Rencana aksi {index}",
            "owner_id": None if rng.random() < 0.02 else owner_id, "agency_id": agency_id,
            "due_date": due, "status": status, "submitted_at": submitted_at,
            "block_reason": "Menunggu SK" if status == "blocked" else None,
            "progress": 0, "priority": "normal", "created_at": created,
            "updated_at": created, "version": 1,
        })
        if len(rows) == 10_000:
            session.execute(sa.insert(ActionItem), rows)
            rows = []
    if rows:
        session.execute(sa.insert(ActionItem), rows)
    session.commit()


# ---- measuring -------------------------------------------------------------

def bare_due_rows(db):
    """The same due rows as the sweep's candidates, by hand-written SQL."""
    from rbtasks.settings_store.policy import load_policy
    from rbtasks.reminders.stages import before_horizon
    from rbtasks.workdays.calendar import WorkCalendar

    policy = load_policy()
    horizon = before_horizon(TODAY, policy.lead_times, WorkCalendar.load())
    submitted_before = datetime.combine(TODAY - timedelta(days=policy.waiting_first - 1),
                                        datetime.min.time(), tzinfo=ZoneInfo("Asia/Makassar"))
    query = sa.text("""
        SELECT i.id, i.title, i.status, i.due_date, i.submitted_at, i.block_reason,
               i.pokja_id, p.name, i.agency_id, a.name, a.head_email, a.head_name,
               i.owner_id, u.name, u.email, u.locale, u.active
        FROM action_item i
        JOIN pokja p ON p.id = i.pokja_id
        JOIN agency a ON a.id = i.agency_id
        LEFT JOIN "user" u ON u.id = i.owner_id
        WHERE i.deleted_at IS NULL
          AND ((i.status IN ('not_started', 'in_progress', 'blocked') AND i.due_date <= :horizon)
               OR (i.status = 'submitted' AND i.submitted_at < :submitted_before))
        ORDER BY i.id
    """)
    utc_bound = submitted_before.astimezone(timezone.utc).replace(tzinfo=None)
    return len(db.session.execute(query, {"horizon": horizon,
                                          "submitted_before": utc_bound}).all())


class PhaseTimer:
    """Adds up the time spent rendering emails and writing rows, to split a
    sweep's time into planning, rendering and writing."""

    def __init__(self):
        from rbtasks.reminders import sweep
        from rbtasks.reminders.emails import ReminderRenderer

        self.seconds = {"render": 0.0, "write": 0.0}
        self._wrap(ReminderRenderer, "render", "render")
        self._wrap(sweep, "_write", "write")

    def _wrap(self, owner, attribute, phase):
        original = getattr(owner, attribute)

        def timed_call(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[phase] += time.perf_counter() - start

        setattr(owner, attribute, timed_call)

    def take(self):
        taken, self.seconds = self.seconds, {"render": 0.0, "write": 0.0}
        return taken


def phases(total, split):
    rest = total - split["render"] - split["write"]
    return (f"    (stages, recipients and queries {rest * 1000:.0f} ms, rendering "
            f"{split['render'] * 1000:.0f} ms, writing {split['write'] * 1000:.0f} ms)")


def traced_peak(function):
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(name, items):
    from rbtasks.reminders.sweep import plan_reminders

    with app_on_throwaway_database("sweep", name, MAIL_SERVER="") as (_app, db):
        fill_time, _ = best_of(lambda: fill(db, items))
        print(f"\n== {name}: {items:,} items (inserted in {fill_time:.1f} s) ==")
        bare_time, due_rows = best_of(lambda: bare_due_rows(db), repeat=3)
        db.session.rollback()

        def dry():
            report = plan_reminders(NOW, dry_run=True)
            db.session.rollback()
            return report

        def real(commit):
            def run():
                report = plan_reminders(NOW)
                db.session.commit() if commit else db.session.rollback()
                return report
            return run

        phase_timer = PhaseTimer()
        with StatementCounter(db.engine) as dry_queries:
            dry_time, dry_report = best_of(dry)
        dry_split = phase_timer.take()
        dry_peak = traced_peak(dry)
        real_peak = traced_peak(real(commit=False))
        phase_timer.take()
        with StatementCounter(db.engine) as real_queries:
            real_time, real_report = best_of(real(commit=True))
        real_split = phase_timer.take()
        with StatementCounter(db.engine) as again_queries:
            again_time, again_report = best_of(real(commit=True))

        print(f"due rows (candidates):          {due_rows:,}")
        print(f"planned: {real_report.entries:,} entries in {len(real_report.messages):,} "
              f"emails {dict(real_report.by_stage)}")
        print(f"bare SQL select of due rows:    {bare_time * 1000:9.1f} ms")
        print(f"sweep, dry run:                 {dry_time * 1000:9.1f} ms  "
              f"ratio {dry_time / bare_time:6.1f}x  {dry_queries.count} statements  "
              f"peak {dry_peak / 2**20:6.1f} MiB")
        print(phases(dry_time, dry_split))
        print(f"sweep, real (written):          {real_time * 1000:9.1f} ms  "
              f"ratio {real_time / bare_time:6.1f}x  {real_queries.count} statements  "
              f"peak {real_peak / 2**20:6.1f} MiB")
        print(phases(real_time, real_split))
        print(f"sweep again, nothing new:       {again_time * 1000:9.1f} ms  "
              f"ratio {again_time / bare_time:6.1f}x  {again_queries.count} statements  "
              f"({again_report.entries} entries)")


if __name__ == "__main__":
    run_from_command_line(__doc__.splitlines()[0], measure)
