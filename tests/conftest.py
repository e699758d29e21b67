"""Fixtures: one app per database, a clean database per test, clients,
factories for every model and a real SMTP server.

Every test that uses ``app`` runs on SQLite, and on PostgreSQL and MariaDB
when they answer (see tests/databases.py).
"""
import contextvars
import re
from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from werkzeug.security import generate_password_hash

from config import TestConfig
from tests.databases import (
    REQUIRED,
    SERVER_URLS,
    create_private_database,
    selected_backends,
    server_answers,
)
from tests.isolation import rolled_back
from tests.smtp import SmtpSink

FIXED_NOW = datetime(2026, 11, 25, 2, 0, tzinfo=timezone.utc)  # Wed 10:00 WITA


def _backend_params():
    params = []
    for name in selected_backends():
        marks = []
        if name in SERVER_URLS and not REQUIRED:
            answers, why = server_answers(SERVER_URLS[name])
            if not answers:
                marks.append(pytest.mark.skip(reason=f"{name} not reachable: {why}"))
        params.append(pytest.param(name, marks=marks, id=name))
    return params


BACKEND_PARAMS = _backend_params()


def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject addopts): the whole suite runs on every core;
    chosen files or tests run in one process, where starting workers (each
    builds its own databases) would cost more than it saves. ``-n 0`` turns
    the workers off, ``-n 3`` sets their number."""
    if config.args_source is not pytest.Config.ArgsSource.TESTPATHS:
        return 0
    return None  # pytest-xdist's own count: the CPUs


def pytest_collection_modifyitems(config, items):
    """Tests marked sqlite_only run once, on the embedded database."""
    kept, dropped = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        backend = callspec.params.get("backend") if callspec else None
        if item.get_closest_marker("sqlite_only") and backend not in (None, "sqlite"):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def smtp_server():
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture(scope="session", params=BACKEND_PARAMS)
def backend(request):
    return request.param


@pytest.fixture(scope="session")
def database_url(backend, tmp_path_factory):
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'rbtasks.sqlite3'}"
        return
    url = SERVER_URLS[backend]
    answers, why = server_answers(url)
    if not answers:
        pytest.fail(f"{backend} is required (RBTASKS_REQUIRE_DATABASES) but not reachable: {why}")
    private_url, drop = create_private_database(url)
    yield private_url
    for engine in _ENGINES_TO_DISPOSE:
        engine.dispose()
    drop()


_ENGINES_TO_DISPOSE = []


class IsolatedClient(FlaskClient):
    """Runs each request in its own application context, as a server does.

    Tests hold an app context open for their own queries; without this,
    Flask would reuse it for requests, and ``g`` (the CSRF token, the
    signed-in user) and the database session would leak between requests.
    """

    def open(self, *args, **kwargs):
        from flask.globals import _cv_app

        def run():
            _cv_app.set(None)
            return FlaskClient.open(self, *args, **kwargs)

        return contextvars.copy_context().run(run)


@pytest.fixture(scope="session")
def app(database_url, smtp_server, tmp_path_factory):
    from rbtasks import create_app

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        MAIL_SERVER = "127.0.0.1"
        MAIL_PORT = smtp_server.port
        MAIL_TIMEOUT = 5
        RBTASKS_EVIDENCE_DIR = str(tmp_path_factory.mktemp("evidence"))
        RBTASKS_IMPORT_DIR = str(tmp_path_factory.mktemp("imports"))

    app = create_app(Config)
    app.test_client_class = IsolatedClient
    with app.app_context():
        reset_schema_to_head(app)
        _ENGINES_TO_DISPOSE.append(db_engine())
    return app


def db_engine():
    from rbtasks.extensions import db

    return db.engine


def drop_everything(engine):
    """Remove every table, the migration marker included, on any backend."""
    metadata = sa.MetaData()
    metadata.reflect(bind=engine)
    with engine.begin() as connection:
        if engine.dialect.name == "mysql":
            connection.execute(sa.text("SET FOREIGN_KEY_CHECKS = 0"))
        for table in reversed(metadata.sorted_tables):
            table.drop(connection)
        if engine.dialect.name == "mysql":
            connection.execute(sa.text("SET FOREIGN_KEY_CHECKS = 1"))


def reset_schema_to_head(app):
    """Build the schema the way production does: Alembic upgrade from empty."""
    from flask_migrate import upgrade

    from rbtasks.extensions import db

    drop_everything(db.engine)
    upgrade()
    # Migration 0005 seeds the eight areas of change; tests start from empty
    # tables (as _clean_state leaves them), so that the first test of a run
    # sees the same database as every other. tests/install covers the seeding.
    with db.engine.begin() as connection:
        connection.execute(sa.text("DELETE FROM area"))


def delete_all_rows(db):
    engine = db.engine
    with engine.begin() as connection:
        if engine.dialect.name == "mysql":
            connection.execute(sa.text("SET FOREIGN_KEY_CHECKS = 0"))
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())
        if engine.dialect.name == "mysql":
            connection.execute(sa.text("SET FOREIGN_KEY_CHECKS = 1"))


@pytest.fixture(autouse=True)
def _clean_state(request):
    """Every test that touches the app starts with empty tables and limits.

    Its writes are rolled back (tests/isolation.py); a test marked
    ``real_commits`` commits for real and every row is deleted afterwards.
    """
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    from rbtasks.extensions import db, limiter

    real_commits = request.node.get_closest_marker("real_commits") is not None
    ctx = app.app_context()
    ctx.push()
    try:
        if real_commits:
            yield
        else:
            with rolled_back(db):
                yield
    finally:
        db.session.remove()
        if real_commits:
            delete_all_rows(db)
        limiter.reset()
        ctx.pop()


@pytest.fixture
def db(app):
    from rbtasks.extensions import db as database

    return database


@pytest.fixture
def now():
    return FIXED_NOW


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def mailbox(smtp_server):
    smtp_server.clear()
    return smtp_server


@pytest.fixture
def smtp_at(app, monkeypatch):
    """``smtp_at(port, server="127.0.0.1", timeout=None)`` points delivery at a
    server for one test. Flask-Mail copies MAIL_* into its state at start-up,
    so both the config and that state change; both are restored afterwards."""
    state = app.extensions["mail"]

    def point(port, server="127.0.0.1", timeout=None):
        monkeypatch.setattr(state, "server", server)
        monkeypatch.setattr(state, "port", port)
        monkeypatch.setitem(app.config, "MAIL_SERVER", server)
        monkeypatch.setitem(app.config, "MAIL_PORT", port)
        if timeout is not None:
            monkeypatch.setitem(app.config, "MAIL_TIMEOUT", timeout)

    return point


# ---- factories -------------------------------------------------------------

class _Counter:
    value = 0

    @classmethod
    def next(cls):
        cls.value += 1
        return cls.value


@pytest.fixture
def make_area(db):
    from rbtasks.organisation.models import Area

    def make(**overrides):
        n = _Counter.next()
        area = Area(**{"name": f"Area {n}", "position": n, "active": True, **overrides})
        db.session.add(area)
        db.session.commit()
        return area

    return make


@pytest.fixture
def make_agency(db):
    from rbtasks.organisation.models import Agency

    def make(**overrides):
        n = _Counter.next()
        values = {"name": f"Badan {n}", "code": f"AG{n}", "head_name": f"Kepala {n}",
                  "head_email": f"kepala{n}@ntt.go.id"}
        agency = Agency(**{**values, **overrides})
        db.session.add(agency)
        db.session.commit()
        return agency

    return make


_PASSWORD_HASHES = {}


def quick_password_hash(password):
    """A cheap hash of ``password`` for test users, made once per run.

    The app hashes with scrypt, slow on purpose: checking it on every
    sign-in of the suite cost minutes. ``check_password_hash`` reads the
    method from the stored hash, so signing in works the same; passwords
    the app sets itself (new users, changes, resets) still use scrypt.
    """
    if password not in _PASSWORD_HASHES:
        _PASSWORD_HASHES[password] = generate_password_hash(password,
                                                            method="pbkdf2:sha256:1000")
    return _PASSWORD_HASHES[password]


@pytest.fixture
def make_user(db, make_agency, now):
    from rbtasks.accounts.models import User

    def make(role="member", password="rahasia-123", **overrides):
        n = _Counter.next()
        if "agency" not in overrides and "agency_id" not in overrides:
            overrides["agency"] = make_agency()
        values = {"name": f"Pegawai {n}", "email": f"pegawai{n}@ntt.go.id", "role": role,
                  "locale": "en", "active": True, "created_at": now}
        user = User(**{**values, **overrides})
        user.password_hash = quick_password_hash(password)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_pokja(db, make_area, make_agency):
    from rbtasks.organisation.models import Pokja

    def make(coordinators=(), members=(), **overrides):
        n = _Counter.next()
        values = {"name": f"Pokja {n}"}
        if "area" not in overrides and "area_id" not in overrides:
            values["area"] = make_area()
        if "lead_agency" not in overrides and "lead_agency_id" not in overrides:
            values["lead_agency"] = make_agency()
        pokja = Pokja(**{**values, **overrides})
        pokja.coordinators = list(coordinators)
        pokja.members = list(members)
        db.session.add(pokja)
        db.session.commit()
        return pokja

    return make


@pytest.fixture
def make_item(db, make_pokja, make_agency, now):
    from rbtasks.items.models import ActionItem

    def make(**overrides):
        n = _Counter.next()
        if "pokja" not in overrides and "pokja_id" not in overrides:
            overrides["pokja"] = make_pokja()
        if "agency" not in overrides and "agency_id" not in overrides:
            owner = overrides.get("owner")
            overrides["agency"] = owner.agency if owner is not None and owner.agency else make_agency()
        values = {"title": f"Rencana aksi {n}", "due_date": date(2026, 12, 15),
                  "status": "not_started", "progress": 0, "priority": "normal",
                  "created_at": now, "updated_at": now}
        item = ActionItem(**{**values, **overrides})
        db.session.add(item)
        db.session.commit()
        return item

    return make


@pytest.fixture
def make_message(db, now):
    """``make_message(items=[(item, "overdue")], **columns)``: a committed outbox row."""
    from rbtasks.outbox.models import OutboxEntry, OutboxMessage
    from rbtasks.outbox.services import new_message_id

    counter = iter(range(1, 100_000))

    def make(items=(), **overrides):
        n = next(counter)
        values = {
            "kind": "reminder", "recipient_email": f"penerima{n}@ntt.go.id",
            "recipient_name": f"Penerima {n}", "locale": "id",
            "subject": f"[RB] Pengingat {n}", "body_text": f"Teks pengingat {n}",
            "body_html": f"<p>Pengingat <b>{n}</b></p>", "message_id": new_message_id(),
            "status": "pending", "attempts": 0, "planned_at": now - timedelta(minutes=5),
            "next_attempt_at": now - timedelta(minutes=5),
        }
        message = OutboxMessage(**{**values, **overrides})
        for item, stage in items:
            message.entries.append(OutboxEntry(
                item_id=item.id, stage=stage, due_date=item.due_date, period=0,
                recipient_email=message.recipient_email))
        db.session.add(message)
        db.session.commit()
        return message

    return make


@pytest.fixture
def make_item_cast(make_user, make_pokja, make_agency, make_item):
    """``make_item_cast(**item_columns)``: an item in progress of a pokja, owned by
    one of its members, and the pokja's coordinator. Returns a dict with the
    ``owner``, ``coordinator``, ``pokja``, ``item`` and the owner's ``agency``."""

    def make(**item_columns):
        agency = make_agency()
        owner = make_user(role="member", agency=agency)
        coordinator = make_user(role="coordinator")
        pokja = make_pokja(coordinators=[coordinator], members=[owner])
        item = make_item(**{"pokja": pokja, "owner": owner, "agency": agency,
                            "status": "in_progress", **item_columns})
        return {"owner": owner, "coordinator": coordinator, "pokja": pokja, "item": item,
                "agency": agency}

    return make


# ---- signing in ------------------------------------------------------------

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_from(html):
    match = _CSRF.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def page_csrf(client, url="/login"):
    """The CSRF token of the form on ``url`` (any page with a form works)."""
    return csrf_token_from(client.get(url).get_data(as_text=True))


@pytest.fixture
def login(app):
    """``login(user)`` returns a test client signed in as that user."""

    def sign_in(user, password="rahasia-123"):
        client = app.test_client()
        token = page_csrf(client, "/login")
        response = client.post("/login", data={"email": user.email, "password": password,
                                               "csrf_token": token})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return client

    return sign_in


class ApiClient:
    """A test client that sends a bearer token and JSON."""

    def __init__(self, client, token):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def _call(self, method, url, json=None, **kwargs):
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.open(url, method=method, json=json, headers=headers, **kwargs)

    def get(self, url, **kwargs):
        return self._call("GET", url, **kwargs)

    def post(self, url, json=None, **kwargs):
        return self._call("POST", url, json=json, **kwargs)

    def patch(self, url, json=None, **kwargs):
        return self._call("PATCH", url, json=json, **kwargs)

    def put(self, url, json=None, **kwargs):
        return self._call("PUT", url, json=json, **kwargs)

    def delete(self, url, **kwargs):
        return self._call("DELETE", url, **kwargs)


@pytest.fixture
def api(app, db, now):
    """``api(user)`` returns a client authenticated with a fresh API token."""
    from rbtasks.accounts.tokens import create_api_token

    def for_user(user):
        _token, plain = create_api_token(user, "test", now)
        db.session.commit()
        return ApiClient(app.test_client(), plain)

    return for_user
