"""`flask db upgrade` on an empty database leaves the eight areas of change in
place; a database that has areas of its own keeps exactly those."""
import importlib.util
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade

from rbtasks.demo import data
from rbtasks.demo.seed import seed_demo
from rbtasks.extensions import db
from rbtasks.organisation.models import Area, Pokja
from tests.install.conftest import area_names

ROOT = Path(__file__).resolve().parents[2]
ROAD_MAP_AREAS = [
    "Manajemen Perubahan", "Deregulasi Kebijakan", "Penataan dan Penguatan Organisasi",
    "Penataan Tatalaksana", "Penataan Sistem Manajemen SDM", "Penguatan Akuntabilitas",
    "Penguatan Pengawasan", "Peningkatan Kualitas Pelayanan Publik",
]


def test_upgrading_an_empty_database_gives_the_eight_areas(fresh_app):
    upgrade()

    areas = db.session.scalars(sa.select(Area).order_by(Area.position)).all()
    assert [(area.position, area.name, area.active) for area in areas] == [
        (position, name, True) for position, name in enumerate(ROAD_MAP_AREAS, start=1)]


def test_a_database_that_already_has_areas_gets_none(fresh_app):
    upgrade(revision="0004")
    db.session.add(Area(name="Penguatan Kelembagaan", position=1, active=True))
    db.session.commit()

    upgrade()

    assert area_names() == ["Penguatan Kelembagaan"]


def test_upgrading_again_adds_nothing(fresh_app):
    upgrade()
    area = db.session.scalar(sa.select(Area).where(Area.name == "Penataan Tatalaksana"))
    area.name = "Penataan Tata Laksana"  # an admin renames one
    db.session.commit()

    upgrade(revision="0004")  # the seed's downgrade keeps the areas
    upgrade()

    assert area_names() == [name.replace("Tatalaksana", "Tata Laksana")
                            for name in ROAD_MAP_AREAS]


def test_the_demo_seeds_on_top_without_a_second_set(fresh_app, now):
    upgrade()

    summary = seed_demo(now)
    db.session.commit()

    assert summary.created["areas"] == 0
    assert area_names() == ROAD_MAP_AREAS
    pokja_areas = db.session.scalars(sa.select(Area.name).join(Pokja, Pokja.area_id == Area.id))
    assert sorted(pokja_areas) == sorted(ROAD_MAP_AREAS)


def test_the_demo_names_the_areas_as_the_migration_does():
    path = ROOT / "migrations" / "versions" / "0005_seed_road_map_areas.py"
    spec = importlib.util.spec_from_file_location("seed_road_map_areas", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)

    assert list(migration.ROAD_MAP_AREAS) == list(data.AREAS) == ROAD_MAP_AREAS
