"""The demo seed builds an NTT-shaped province and never builds it twice."""
from datetime import date, timedelta

import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.demo.data import DEMO_PASSWORD
from rbtasks.demo.seed import seed_demo
from rbtasks.evidence.models import Evidence
from rbtasks.items.constants import DONE, NOT_STARTED, OPEN_STATUSES
from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.organisation.models import Agency, Area, Pokja
from rbtasks.rbindex.models import IndexScore
from rbtasks.roles import ROLES
from rbtasks.snapshots.models import WeeklySnapshot
from rbtasks.timeutil import local_today

ROAD_MAP_AREAS = [
    "Manajemen Perubahan", "Deregulasi Kebijakan", "Penataan dan Penguatan Organisasi",
    "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM", "Penguatan Akuntabilitas",
    "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik",
]
MODELS = (Area, Agency, User, Pokja, ActionItem, ActivityEntry, Evidence, WeeklySnapshot,
          IndexScore)


def count_rows(db):
    return {model.__name__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in MODELS}


def seed(db, now):
    summary = seed_demo(now)
    db.session.commit()
    return summary


def test_seeds_the_eight_areas_of_the_road_map_each_with_a_pokja(db, now):
    seed(db, now)

    areas = db.session.scalars(sa.select(Area).order_by(Area.position)).all()
    assert [(area.position, area.name) for area in areas] == list(enumerate(ROAD_MAP_AREAS, 1))
    pokjas = db.session.scalars(sa.select(Pokja)).all()
    assert sorted(pokja.area.name for pokja in pokjas) == sorted(ROAD_MAP_AREAS)
    assert all(pokja.coordinators and pokja.members for pokja in pokjas)
    pengawasan = db.session.scalar(
        sa.select(Pokja).where(Pokja.name == "Pokja Penguatan Pengawasan"))
    assert pengawasan.lead_agency.name == "Inspektorat Daerah"


def test_seeds_about_ten_agencies_with_heads_on_go_id_addresses(db, now):
    seed(db, now)

    agencies = {agency.code: agency for agency in db.session.scalars(sa.select(Agency))}
    assert 9 <= len(agencies) <= 12
    assert agencies["BIRO-ORG"].name == "Biro Organisasi"
    assert agencies["BKD"].name == "Badan Kepegawaian Daerah"
    assert agencies["INSPEKTORAT"].name == "Inspektorat Daerah"
    for agency in agencies.values():
        assert agency.head_name and agency.head_phone
        assert agency.head_email.endswith(".go.id")


def test_seeds_a_user_of_every_role_who_can_sign_in_with_the_demo_password(db, now):
    summary = seed(db, now)

    users = db.session.scalars(sa.select(User)).all()
    assert {user.role for user in users} == set(ROLES)
    assert [login.role for login in summary.logins] == list(ROLES)
    for login in summary.logins:
        assert login.password == DEMO_PASSWORD
        user = db.session.scalar(sa.select(User).where(User.email == login.email))
        assert user.check_password(DEMO_PASSWORD)
        assert not user.check_password("wrong-password")
    admin = next(user for user in users if user.role == "admin")
    assert admin.agency.code == "BIRO-ORG"
    inspektorat_head = next(user for user in users if user.role == "agency_head")
    assert inspektorat_head.agency.code == "INSPEKTORAT"
    assert inspektorat_head.email == inspektorat_head.agency.head_email


def test_items_have_deadlines_around_today_and_statuses_that_fit(db, now):
    seed(db, now)

    today = local_today(now)
    items = db.session.scalars(sa.select(ActionItem)).all()
    assert 35 <= len(items) <= 45
    assert {item.status for item in items} >= {"not_started", "in_progress", "submitted",
                                                "done", "blocked"}
    due_dates = [item.due_date for item in items]
    assert min(due_dates) >= today - timedelta(days=62)
    assert max(due_dates) <= today + timedelta(days=92)
    assert any(item.due_date < today and item.status in OPEN_STATUSES for item in items)
    assert any(item.due_date > today for item in items)
    assert all(item.due_date.weekday() < 5 for item in items)
    for item in items:
        assert item.version == 1
        assert item.created_at == now and item.updated_at == now
        assert item.owner is not None and item.agency == item.owner.agency
        assert item.owner in item.pokja.members
        assert item.start_date < item.due_date
        if item.status == DONE:
            assert item.progress == 100
        if item.status == NOT_STARTED:
            assert item.progress == 0
    assert any(item.budget for item in items)


def test_each_item_has_one_created_entry_in_its_history(db, now):
    seed(db, now)

    entries = db.session.scalars(sa.select(ActivityEntry)).all()
    items = db.session.scalars(sa.select(ActionItem)).all()
    assert sorted(entry.item_id for entry in entries) == sorted(item.id for item in items)
    assert {entry.action for entry in entries} == {"created"}


def test_deadlines_follow_the_day_it_is_seeded(db, now):
    later = now + timedelta(days=30)
    seed(db, later)

    today = local_today(later)
    assert today == date(2026, 12, 25)
    due_dates = db.session.scalars(sa.select(ActionItem.due_date)).all()
    assert min(due_dates) < today < max(due_dates)
    # Seeded as of `now`, the earliest deadlines would fall in September.
    assert min(due_dates) >= today - timedelta(days=62)


def test_seeding_twice_creates_nothing_new(db, now):
    first = seed(db, now)
    counts = count_rows(db)

    second = seed(db, now + timedelta(days=3))

    assert first.created == {"areas": 8, "agencies": counts["Agency"],
                             "users": counts["User"], "pokja": 8,
                             "items": counts["ActionItem"], "evidence": counts["Evidence"],
                             "weekly snapshots": 8, "index scores": 10, "instruments": 1,
                             "meetings": 2}
    assert set(second.created.values()) == {0}
    assert count_rows(db) == counts


def test_seeding_again_keeps_what_people_changed(db, now):
    seed(db, now)
    item = db.session.scalar(sa.select(ActionItem).where(ActionItem.status == NOT_STARTED))
    item.status, item.progress = "in_progress", 10
    admin = db.session.scalar(sa.select(User).where(User.role == "admin"))
    admin.set_password("a-new-secret-123")
    db.session.commit()

    summary = seed(db, now)

    db.session.refresh(item)
    assert (item.status, item.progress) == ("in_progress", 10)
    assert admin.check_password("a-new-secret-123")
    admin_login = next(login for login in summary.logins if login.role == "admin")
    assert admin_login.password is None


def test_fills_in_only_what_is_missing(db, now, make_area, make_user):
    make_area(name="Penguatan Pengawasan", position=7)
    make_user(role="member", email="ignasius.kolo@demo.nttprov.go.id")

    summary = seed(db, now)

    assert summary.created["areas"] == 7
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Area)) == 8
    assert db.session.scalar(
        sa.select(sa.func.count()).select_from(User).where(User.email.like("ignasius.kolo@%"))
    ) == 1
