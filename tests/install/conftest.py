"""A database of its own for each install test, empty until the test builds it.

The session's database (tests/conftest.py) is built once and shared; these
tests need to watch a database go from nothing to head, as an operator's does.
"""
import pytest
import sqlalchemy as sa

from config import TestConfig
from tests.databases import SERVER_URLS, create_private_database


@pytest.fixture
def empty_database_url(backend, tmp_path):
    """The URL of a new, empty database on ``backend``'s server; dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    url, drop = create_private_database(SERVER_URLS[backend])
    yield url
    drop()


@pytest.fixture
def fresh_app(empty_database_url, tmp_path):
    """An app on the empty database; the test decides how far to upgrade it."""
    from rbtasks import create_app
    from rbtasks.extensions import db

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = empty_database_url
        RBTASKS_EVIDENCE_DIR = str(tmp_path / "evidence")

    app = create_app(Config)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def area_names():
    """The areas of change by position, as the administration page lists them."""
    from rbtasks.extensions import db
    from rbtasks.organisation.models import Area

    return list(db.session.scalars(sa.select(Area.name).order_by(Area.position, Area.id)))
