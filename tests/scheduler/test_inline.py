"""RBTASKS_SCHEDULER=inline: one background scheduler in the serving process,
none otherwise — not in other `flask` commands, not in the reloader's watcher."""
import click
import pytest

from config import TestConfig

from rbtasks import create_app
from rbtasks.extensions import db as database
from rbtasks.outbox.models import JobLock
from rbtasks.scheduler import inline_scheduler, stop_inline_scheduler
from rbtasks.timeutil import utc_now

# Apps built here have engines of their own: they see committed rows only.
pytestmark = pytest.mark.real_commits


@pytest.fixture
def config_for(app, db):
    """A config class on the test database with a given RBTASKS_SCHEDULER; the
    apps built from it are disposed of, and any inline scheduler stopped."""
    # A sweep "ran" just now, so no catch-up sweep starts against the test database.
    db.session.add(JobLock(name="sweep", last_run_at=utc_now()))
    db.session.commit()

    def make(mode):
        class Config(TestConfig):
            SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
            RBTASKS_SCHEDULER = mode

        return Config

    stop_inline_scheduler()
    yield make
    stop_inline_scheduler()


@pytest.fixture
def build(config_for):
    apps = []

    def create(mode):
        new_app = create_app(config_for(mode))
        apps.append(new_app)
        return new_app

    yield create
    for new_app in apps:
        with new_app.app_context():
            database.engine.dispose()


def test_inline_mode_starts_exactly_one_scheduler_even_for_two_apps(build):
    build("inline")
    first = inline_scheduler()
    assert first is not None and first.running
    assert {job.id for job in first.get_jobs()} == {"sweep", "deliver", "policy", "digest"}
    build("inline")
    assert inline_scheduler() is first
    stop_inline_scheduler()
    assert inline_scheduler() is None and not first.running


def test_no_scheduler_without_inline_mode(build):
    build("")
    assert inline_scheduler() is None


def test_an_unknown_mode_is_refused(config_for):
    with pytest.raises(RuntimeError, match="RBTASKS_SCHEDULER must be empty or 'inline'"):
        create_app(config_for("cron"))


def _under_command(name, **params):
    """As when `flask NAME` loads the app (click's current context)."""
    context = click.Context(click.Command(name), info_name=name)
    context.params.update(params)
    return context.scope()


def test_other_flask_commands_start_no_scheduler(build):
    with _under_command("db"):
        build("inline")
    assert inline_scheduler() is None


def test_the_reloader_watcher_starts_none_and_its_child_starts_one(build, monkeypatch):
    monkeypatch.delenv("WERKZEUG_RUN_MAIN", raising=False)
    with _under_command("run", reload=True):
        build("inline")
    assert inline_scheduler() is None
    monkeypatch.setenv("WERKZEUG_RUN_MAIN", "true")
    with _under_command("run", reload=True):
        build("inline")
    assert inline_scheduler() is not None


def test_flask_run_without_the_reloader_starts_one(build, monkeypatch):
    monkeypatch.delenv("WERKZEUG_RUN_MAIN", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with _under_command("run", reload=None):
        build("inline")
    assert inline_scheduler() is not None
