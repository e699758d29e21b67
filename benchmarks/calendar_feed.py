"""How long a calendar feed takes on a big plan, against the bare query and a
bare icalendar document of the same events.

Run by hand from the repository root:

    python benchmarks/calendar_feed.py --items 20000          # SQLite and PostgreSQL
    python benchmarks/calendar_feed.py --items 5000 --databases sqlite

For each database it builds a throwaway database, migrates it and fills it
with ``--items`` action items (bulk ``sa.insert``) over 8 pokja and 50
agencies, due from six months back to eighteen ahead of today, a fifth of
them done or cancelled. Then, in the same run, for three feeds (one
coordinator's pokja, one agency head's agency, one owner's own items) it
measures (best of five, after one warm-up, taking turns):

* the baseline: the SQL selecting the feed's rows written by hand (open,
  not deleted, in the window, with pokja, agency and owner names), and a
  bare ``icalendar`` document with one all-day event per row;
* the feed over HTTP (test client): token check, permissions, the ORM
  query, the translated description, the item links, the response.

It prints milliseconds, events, SQL statements and the ratio to the baseline.
"""
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from measuring import StatementCounter, app_on_throwaway_database, interleaved  # noqa: E402
from measuring import run_from_command_line  # noqa: E402  (beside this script)

AGENCIES = 50
POKJAS = 8
REPEAT = 5


def fill(db, items, today, now, seed=2026):
    """Agencies, people, pokja and ``items`` items; returns (coordinator, head,
    owner, pokja id, agency id)."""
    from rbtasks.accounts.models import User
    from rbtasks.items.models import ActionItem
    from rbtasks.organisation.models import Agency, Pokja, pokja_coordinator

    rng = random.Random(seed)
    session = db.session
    session.execute(sa.insert(Agency), [
        {"name": f"Perangkat Daerah {n}", "code": f"PD{n}", "head_name": f"Kepala {n}",
         "head_email": f"kepala{n}@nttprov.go.id"} for n in range(AGENCIES)])
    agency_ids = session.scalars(sa.select(Agency.id).order_by(Agency.id)).all()
    people = [{"name": f"Pegawai {n}, S.H., M.H.", "email": f"pegawai{n}@nttprov.go.id",
               "role": "member", "agency_id": agency_ids[n % AGENCIES]} for n in range(200)]
    people += [{"name": "Koordinator", "email": "koordinator@nttprov.go.id",
                "role": "coordinator", "agency_id": agency_ids[1]},
               {"name": "Kepala PD", "email": "kepala@nttprov.go.id", "role": "agency_head",
                "agency_id": agency_ids[2]}]
    for person in people:
        person.update({"locale": "id", "active": True, "created_at": now})
    session.execute(sa.insert(User), people)
    session.execute(sa.insert(Pokja), [{"name": f"Pokja {n}", "lead_agency_id": agency_ids[n]}
                                       for n in range(POKJAS)])
    pokja_ids = session.scalars(sa.select(Pokja.id).order_by(Pokja.id)).all()
    coordinator, head, owner = (
        session.scalar(sa.select(User).where(User.email == email))
        for email in ("koordinator@nttprov.go.id", "kepala@nttprov.go.id",
                      "pegawai2@nttprov.go.id"))
    session.execute(sa.insert(pokja_coordinator), [{"pokja_id": pokja_ids[0],
                                                    "user_id": coordinator.id}])
    owners = session.execute(sa.select(User.id, User.agency_id).where(User.role == "member")).all()
    statuses = ("not_started", "in_progress", "blocked", "submitted", "done", "cancelled")
    rows = []
    for index in range(items):
        owner_id, agency_id = rng.choice(owners)
        rows.append({
            "pokja_id": rng.choice(pokja_ids), "agency_id": agency_id, "owner_id": owner_id,
            "title": f"Rencana aksi {index}: rapat koordinasi, evaluasi; tindak lanjut",
            "description": "", "output": "", "indicator": "", "target": "", "unit": "",
            "due_date": today + timedelta(days=rng.randint(-180, 540)),
            "status": rng.choices(statuses, weights=(3, 4, 1, 1, 1, 0.5))[0],
            "progress": 0, "priority": "normal", "created_at": now, "updated_at": now,
            "version": 1,
        })
    for start in range(0, len(rows), 5000):
        session.execute(sa.insert(ActionItem), rows[start:start + 5000])
    session.commit()
    return coordinator, head, owner, pokja_ids[0], agency_ids[2]


def baseline(db, where, first, last):
    """The rows by hand, then a bare icalendar document of them."""
    from icalendar import Calendar, Event

    rows = db.session.execute(sa.text(
        "SELECT i.id, i.title, i.due_date, p.name, a.name, u.name FROM action_item i "
        "JOIN pokja p ON p.id = i.pokja_id JOIN agency a ON a.id = i.agency_id "
        "LEFT JOIN \"user\" u ON u.id = i.owner_id "
        "WHERE i.deleted_at IS NULL AND i.status NOT IN ('done', 'cancelled') "
        f"AND i.due_date BETWEEN :first AND :last AND {where} ORDER BY i.due_date, i.id"),
        {"first": first, "last": last}).all()
    calendar = Calendar()
    calendar.add("prodid", "-//bench//")
    calendar.add("version", "2.0")
    for row in rows:
        due = row[2] if isinstance(row[2], date) else date.fromisoformat(row[2])  # SQLite: text
        event = Event()
        event.add("uid", f"item-{row[0]}@bench")
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("summary", row[1])
        event.add("description", f"{row[3]}\n{row[4]}\n{row[5]}")
        calendar.add_component(event)
    db.session.rollback()
    return calendar.to_ical()


def measure(name, items):
    from rbtasks.calendarfeeds.services import feed_window
    from rbtasks.calendarfeeds.tokens import feed_token
    from rbtasks.timeutil import local_today, utc_now

    with app_on_throwaway_database("calendar", name, RATELIMIT_ENABLED=False) as (app, db):
        now = utc_now()
        coordinator, head, owner, pokja_id, agency_id = fill(db, items, local_today(now), now)
        first, last = feed_window(now)
        feeds = (
            ("coordinator's pokja", coordinator, f"pokja/{pokja_id}.ics",
             f"i.pokja_id = {pokja_id}"),
            ("agency head's agency", head, f"agency/{agency_id}.ics",
             f"i.agency_id = {agency_id}"),
            ("an owner's items", owner, "mine.ics", f"i.owner_id = {owner.id}"),
        )
        urls = [f"/calendar/{feed_token(user, now)}/{path}" for _label, user, path, _w in feeds]
        db.session.commit()
        client = app.test_client()
        print(f"\n== {name}: {items:,} items ==")
        print(f"{'feed':<22}{'events':>8}{'baseline':>12}{'feed':>11}{'ratio':>8}{'statements':>12}")
        for (label, _user, _path, where), url in zip(feeds, urls):
            def fetch(url=url):
                db.session.remove()
                response = client.get(url)
                assert response.status_code == 200, response.status_code
                return response.get_data()

            with StatementCounter(db.engine) as counter:
                body = fetch()
            (bare_time, _bare), (feed_time, _body) = interleaved(
                [lambda where=where: baseline(db, where, first, last), fetch], REPEAT)
            print(f"{label:<22}{body.count(b'BEGIN:VEVENT'):>8,}{bare_time * 1000:>9.1f} ms"
                  f"{feed_time * 1000:>8.1f} ms{feed_time / bare_time:>7.2f}x"
                  f"{counter.count:>12}")


if __name__ == "__main__":
    run_from_command_line(__doc__.splitlines()[0], measure)
