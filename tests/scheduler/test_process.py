"""Real processes: `flask rb scheduler` starts, and stops cleanly on SIGTERM
and Ctrl+C; `flask run` in inline mode starts exactly one scheduler, with
or without the reloader."""
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from rbtasks.outbox.models import JobLock
from rbtasks.timeutil import utc_now

# Real scheduler and server processes read the database: real commits.
pytestmark = pytest.mark.real_commits

ROOT = Path(__file__).resolve().parents[2]


class Process:
    """A `python -m flask ...` child in its own process group, with its
    output collected line by line."""

    def __init__(self, args, database_url, **env):
        environment = {**os.environ, "FLASK_APP": "wsgi.py", "RBTASKS_CONFIG": "development",
                       "DATABASE_URL": database_url, "SECRET_KEY": "process-test-secret",
                       "MAIL_SERVER": "", "RBTASKS_SCHEDULER": "", "PYTHONUNBUFFERED": "1",
                       **env}
        environment.pop("WERKZEUG_RUN_MAIN", None)
        environment.pop("FLASK_DEBUG", None)
        self.lines = []
        self.child = subprocess.Popen(
            [sys.executable, "-m", "flask", *args], cwd=ROOT, env=environment,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.child.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self):
        return "\n".join(self.lines)

    def wait_for(self, text, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.output:
                return True
            if self.child.poll() is not None:
                break
            time.sleep(0.05)
        return text in self.output

    def stop_group(self):
        if self.child.poll() is None:
            os.killpg(self.child.pid, signal.SIGTERM)
            try:
                self.child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.child.pid, signal.SIGKILL)
                self.child.wait()
        self.reader.join(timeout=5)


@pytest.fixture
def shared_database(app, db):
    # A sweep "ran" this morning: the process has no missed sweep to catch up.
    db.session.add(JobLock(name="sweep", last_run_at=utc_now()))
    db.session.commit()
    return app.config["SQLALCHEMY_DATABASE_URI"]


@pytest.fixture
def processes():
    started = []
    yield started
    for process in started:
        process.stop_group()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_scheduler_process_stops_cleanly(shared_database, processes, signum):
    scheduler = Process(["rb", "scheduler"], shared_database)
    processes.append(scheduler)
    assert scheduler.wait_for("scheduler started in Asia/Makassar"), scheduler.output
    assert "sweep (cron[day_of_week='mon-fri', hour='7', minute='30'])" in scheduler.output
    assert "deliver (interval[0:01:00])" in scheduler.output

    scheduler.child.send_signal(signum)
    assert scheduler.child.wait(timeout=10) == 0, scheduler.output
    scheduler.reader.join(timeout=5)
    assert f"received {signum.name}: waiting for running jobs, then stopping" in scheduler.output
    assert scheduler.output.rstrip().endswith("scheduler stopped cleanly")
    assert "Traceback" not in scheduler.output


@pytest.mark.sqlite_only
@pytest.mark.parametrize("reload_option", ["--no-reload", "--reload"])
def test_flask_run_inline_starts_exactly_one_scheduler(shared_database, processes, reload_option):
    server = Process(["run", "--port", "0", reload_option], shared_database,
                     RBTASKS_SCHEDULER="inline")
    processes.append(server)
    assert server.wait_for("Running on http://127.0.0.1:"), server.output
    assert server.wait_for("inline scheduler started"), server.output
    if reload_option == "--reload":
        assert "Restarting with" in server.output  # a watcher and a serving child
    time.sleep(1.0)  # room for a second one to show up, if there were one
    assert server.output.count("inline scheduler started") == 1, server.output


@pytest.mark.sqlite_only
def test_flask_run_starts_no_scheduler_by_default(shared_database, processes):
    server = Process(["run", "--port", "0", "--no-reload"], shared_database)
    processes.append(server)
    assert server.wait_for("Running on http://127.0.0.1:"), server.output
    time.sleep(1.0)
    assert "scheduler" not in server.output
