"""Seed the NTT-shaped demo province, safely and repeatably.

Every row is looked up by its natural key (area name, agency code, user
email, pokja name, item title within its pokja) and only created when it is
missing; rows that already exist are left exactly as they are, so re-running
the seed never undoes what someone did while trying the demo.
"""
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from rbtasks.accounts.models import User
from rbtasks.roles import ROLES
from rbtasks.demo import data
from rbtasks.demo.evidence import seed_evidence
from rbtasks.demo.history import seed_weekly_history
from rbtasks.demo.meetings import seed_meetings
from rbtasks.extensions import db
from rbtasks.inputs.phone import normalise_phone
from rbtasks.items.history import record
from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import Agency, Area, Pokja
from rbtasks.pmprb.demo import seed_demo_assessment
from rbtasks.pmprb.instruments import load_sample_instrument, sample_instrument
from rbtasks.rbindex.models import IndexScore
from rbtasks.timeutil import local_today, province_zone

# How long before its deadline a demo item started.
ITEM_DURATION = timedelta(days=60)


@dataclass
class DemoLogin:
    """A demo account to show; ``password`` is None once its owner changed it."""

    role: str
    name: str
    email: str
    password: str | None


@dataclass
class SeedSummary:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[DemoLogin] = field(default_factory=list)

    @property
    def created_anything(self):
        return any(self.created.values())


def has_any_user():
    return db.session.scalar(sa.select(User.id).limit(1)) is not None


def seed_demo(now):
    """Create whatever part of the demo province is missing, as of ``now``.

    Everything is placed relative to ``now``'s date in the province's zone,
    so a demo seeded on any day looks alive: overdue, due-soon and later work,
    evidence on the finished items, eight weeks of weekly snapshots, the RB
    index up to last year with a target for this one, and two monev meetings.
    Returns how many of each kind were created and the demo logins. Flushes; the caller commits.
    """
    summary = SeedSummary()
    areas = _ensure_areas(summary.created)
    agencies = _ensure_agencies(summary.created)
    users = _ensure_users(agencies, now, summary.created)
    pokjas = _ensure_pokjas(areas, agencies, users, summary.created)
    new_items = _ensure_items(pokjas, agencies, users, now, summary.created)
    summary.created["evidence"] = seed_evidence(new_items, now)
    # A demo whose items were already there keeps the history it has.
    summary.created["weekly snapshots"] = (seed_weekly_history(new_items, now)
                                           if new_items else 0)
    _ensure_index_scores(now, summary.created)
    _ensure_self_assessment(users["admin"], now, summary.created)
    summary.created["meetings"] = seed_meetings(users, now)
    db.session.flush()
    summary.logins = demo_logins()
    return summary


def demo_logins():
    """One demo account per role, with the demo password if it still opens it."""
    logins = []
    for spec in _first_user_per_role():
        user = _user_by_email(spec["email"])
        if user is None:
            continue
        password = data.DEMO_PASSWORD if user.check_password(data.DEMO_PASSWORD) else None
        logins.append(DemoLogin(user.role, user.name, user.email, password))
    return logins


def _first_user_per_role():
    first = {}
    for spec in data.USERS:
        first.setdefault(spec["role"], spec)
    return [first[role] for role in ROLES if role in first]


def _user_by_email(email):
    return db.session.scalar(sa.select(User).where(User.email == email.lower()))


def _ensure_areas(created):
    existing = {area.name: area for area in db.session.scalars(
        sa.select(Area).where(Area.name.in_(data.AREAS)))}
    created["areas"] = 0
    for position, name in enumerate(data.AREAS, start=1):
        if name not in existing:
            existing[name] = Area(name=name, position=position, active=True)
            db.session.add(existing[name])
            created["areas"] += 1
    return existing


def _ensure_agencies(created):
    codes = [spec["code"] for spec in data.AGENCIES]
    existing = {agency.code: agency for agency in db.session.scalars(
        sa.select(Agency).where(Agency.code.in_(codes)))}
    created["agencies"] = 0
    for spec in data.AGENCIES:
        if spec["code"] in existing:
            continue
        agency = Agency(code=spec["code"], name=spec["name"], head_name=spec["head_name"],
                        head_email=spec["head_email"], head_phone=spec["head_phone"],
                        parent=existing.get(spec["parent"]))
        db.session.add(agency)
        existing[spec["code"]] = agency
        created["agencies"] += 1
    return existing


def _ensure_users(agencies, now, created):
    """Demo users keyed by their data key. They all share one password hash:
    the password is published anyway, and scrypt is deliberately slow."""
    emails = [spec["email"].lower() for spec in data.USERS]
    by_email = {user.email: user for user in db.session.scalars(
        sa.select(User).where(User.email.in_(emails)))}
    created["users"] = 0
    password_hash = None
    users = {}
    for spec in data.USERS:
        user = by_email.get(spec["email"].lower())
        if user is None:
            password_hash = password_hash or generate_password_hash(data.DEMO_PASSWORD)
            user = User(name=spec["name"], email=spec["email"].lower(), role=spec["role"],
                        agency=agencies[spec["agency"]],
                        phone=normalise_phone(spec["phone"]), locale="id",
                        active=True, created_at=now, password_hash=password_hash,
                        is_evaluator=spec.get("evaluator", False))
            db.session.add(user)
            created["users"] += 1
        users[spec["key"]] = user
    return users


def _ensure_pokjas(areas, agencies, users, created):
    """Pokja keyed by their data key. A new pokja gets its coordinators and,
    as members, the owners of its demo items; an existing one keeps its people."""
    names = [spec["name"] for spec in data.POKJA]
    existing = {pokja.name: pokja for pokja in db.session.scalars(
        sa.select(Pokja).where(Pokja.name.in_(names)))}
    created["pokja"] = 0
    pokjas = {}
    for spec in data.POKJA:
        pokja = existing.get(spec["name"])
        if pokja is None:
            owner_keys = dict.fromkeys(item.owner for item in data.ITEMS
                                       if item.pokja == spec["key"])
            pokja = Pokja(name=spec["name"], area=areas[spec["area"]],
                          lead_agency=agencies[spec["lead_agency"]])
            pokja.coordinators = [users[key] for key in spec["coordinators"]]
            pokja.members = [users[key] for key in owner_keys]
            db.session.add(pokja)
            created["pokja"] += 1
        pokjas[spec["key"]] = pokja
    return pokjas


def _ensure_items(pokjas, agencies, users, now, created):
    """Create the demo items that are missing; returns them as (item, DemoItem) pairs."""
    db.session.flush()  # the pokja need ids to look their items up
    pokja_ids = [pokja.id for pokja in pokjas.values()]
    existing = {tuple(row) for row in db.session.execute(
        sa.select(ActionItem.pokja_id, ActionItem.title)
        .where(ActionItem.pokja_id.in_(pokja_ids)))}
    coordinator_of = {spec["key"]: spec["coordinators"][0] for spec in data.POKJA}
    owner_agency = {spec["key"]: spec["agency"] for spec in data.USERS}
    today = local_today(now)
    new_items = []
    for spec in data.ITEMS:
        pokja = pokjas[spec.pokja]
        if (pokja.id, spec.title) in existing:
            continue
        due_date = _working_day(today, spec.due_in_days)
        coordinator = users[coordinator_of[spec.pokja]]
        item = ActionItem(
            pokja=pokja, title=spec.title, description=spec.description, output=spec.output,
            indicator=spec.indicator, target=spec.target, unit=spec.unit,
            owner=users[spec.owner], agency=agencies[owner_agency[spec.owner]],
            start_date=due_date - ITEM_DURATION, due_date=due_date, status=spec.status,
            progress=spec.progress, priority=spec.priority, budget=spec.budget,
            created_by=coordinator, updated_by=coordinator, created_at=now, updated_at=now,
        )
        _set_finishing_times(item, spec, today)
        db.session.add(item)
        existing.add((pokja.id, spec.title))
        new_items.append((item, spec))
    db.session.flush()  # the activity entries need the items' ids
    for item, _spec in new_items:
        record(item, item.created_by, "created", now)
    created["items"] = len(new_items)
    return new_items


def _set_finishing_times(item, spec, today):
    """A done or submitted item was submitted (and verified) on its finishing day,
    so the implementation rate counts it as on time or late like a real one."""
    if spec.finished_in_days is None:
        return
    day = today + timedelta(days=spec.finished_in_days)
    finished_at = datetime.combine(day, time(10), province_zone()).astimezone(timezone.utc)
    item.submitted_at = finished_at
    if spec.status == "done":
        item.completed_at = finished_at


def _working_day(today, days):
    """``today + days``, moved off a weekend away from today, so an item
    meant to be overdue stays overdue and one meant to be ahead stays ahead."""
    day = today + timedelta(days=days)
    step = timedelta(days=-1 if days < 0 else 1)
    while days and day.weekday() >= 5:
        day += step
    return day


def _ensure_self_assessment(admin, now, created):
    """The sample PMPRB instrument and the province's partly answered assessment of it
    (by the demo admin, while that account is an active admin)."""
    loaded = load_sample_instrument(now)
    created["instruments"] = int(loaded is not None)
    if admin.active and admin.role == "admin":
        seed_demo_assessment(loaded or sample_instrument(), admin, now)


def _ensure_index_scores(now, created):
    """The RB index by year up to last year and this year's target; a year
    already recorded (by an admin, or an earlier seed) is left alone."""
    existing = set(db.session.scalars(sa.select(IndexScore.year)))
    count = 0
    for year, score, target, note in data.index_history(local_today(now).year):
        if year in existing:
            continue
        db.session.add(IndexScore(year=year, score=score, target=target, source_note=note,
                                  updated_at=now))
        count += 1
    created["index scores"] = count
