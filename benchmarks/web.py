"""Throughput of the pages people read, at 5,000 and at 100,000 items, over HTTP.

Run by hand from the repository root (it takes a few minutes):

    .venv/bin/python benchmarks/web.py
    .venv/bin/python benchmarks/web.py --sizes 5000,100000 --seconds 10 --clients 8

For each size it builds a throwaway PostgreSQL database (created and dropped
around the run, never ``test``) with the data shape of
``benchmarks/dashboard.py`` (50 agencies, 8 pokja, 1,000 people, about 10%
of the items overdue), starts ``gunicorn`` with the project's
``gunicorn.conf.py``, the production configuration and 2 sync workers, signs
in as the leader (a session cookie for the pages, an API token for the API)
and drives each URL with 8 concurrent clients. Then it prints requests per
second, the median (p50) and 99th-percentile (p99) latency per URL at each
size, and the ratio of the biggest size's throughput to the smallest's
(1.00: no slower; the goal is 0.67 or more). A hello-world Flask route under
the same gunicorn is measured once as the ceiling of the set-up.

The load comes from ``wrk`` when it is installed (Debian:
``apt-get install -y wrk``), otherwise from a Python load generator in this
file (threads with ``http.client``, slower, so figures from the two are not
comparable). The machine's load average is printed beside the figures:
other work on the same cores lowers them all alike.
"""
import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import Flask

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = Path(__file__).resolve().parent
SECRET_KEY = "benchmark-web-" + "x" * 40
SEARCH = "4242"  # "Rencana aksi 4242", "… 14242", …: a handful of matches per 100,000

# (label, path, how the request signs in)
URLS = (
    ("GET /api/v1/items?per_page=20", "/api/v1/items?per_page=20", "token"),
    (f"GET /api/v1/items?q={SEARCH}", f"/api/v1/items?q={SEARCH}", "token"),
    ("GET /api/v1/summary", "/api/v1/summary", "token"),
    ("dashboard page", "/dashboard", "cookie"),
    ("item list page", "/items", "cookie"),
)

hello_app = Flask("hello")  # the ceiling: gunicorn starts it as benchmarks/web.py:hello_app


@hello_app.route("/")
def hello():
    return "Hello, world!"


# ---- the database ----------------------------------------------------------

def build_database(items):
    """A new PostgreSQL database, migrated and filled; returns (url, drop, token)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(BENCHMARKS))
    from config import TestConfig
    from dashboard import NOW, fill
    from flask_migrate import upgrade
    from throwaway import postgres_database

    from rbtasks import create_app
    from rbtasks.accounts.models import User
    from rbtasks.accounts.tokens import create_api_token
    from rbtasks.extensions import db

    url, drop = postgres_database("web")
    try:
        config = type("BuildConfig", (TestConfig,), {"SQLALCHEMY_DATABASE_URI": url})
        app = create_app(config)
        with app.app_context():
            upgrade()
            leader_id, *_rest = fill(db, items)
            _token, plain = create_api_token(db.session.get(User, leader_id), "web benchmark",
                                             NOW)
            db.session.commit()
            db.session.remove()
            # What autovacuum does to a table that has settled: the statistics,
            # and the visibility map that lets counts read the index only.
            with db.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
            db.engine.dispose()
    except BaseException:
        drop()
        raise
    return url, drop, plain


# ---- the server ------------------------------------------------------------

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """``gunicorn -c gunicorn.conf.py APP`` in the repository root, 2 workers."""

    def __init__(self, app, database_url=None, workers=2):
        self.port = free_port()
        env = {**os.environ, "RBTASKS_CONFIG": "production", "SECRET_KEY": SECRET_KEY,
               "RBTASKS_BIND": f"127.0.0.1:{self.port}", "RBTASKS_WORKERS": str(workers),
               # plain http on 127.0.0.1: the load generator sends the cookie anyway
               "SESSION_COOKIE_SECURE": "false"}
        if database_url:
            env["DATABASE_URL"] = database_url
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py"),
             "--pythonpath", f"{ROOT},{BENCHMARKS}", app],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=self.log)
        self._wait_until_listening()

    def _wait_until_listening(self, seconds=60):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError("gunicorn stopped:\n" + self.log.read().decode()[-3000:])
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start listening")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def request(port, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def session_cookie(port, email="ketua@nttprov.go.id", password="bench-rahasia-123"):
    """Sign in through the login form; returns the Cookie header value."""
    status, headers, body = request(port, "GET", "/login")
    cookie = headers["Set-Cookie"].split(";")[0]
    token = re.search(rb'name="csrf_token" value="([^"]+)"', body).group(1).decode()
    form = urlencode({"csrf_token": token, "email": email, "password": password})
    status, headers, _body = request(port, "POST", "/login", body=form, headers={
        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
    if status != 302:
        raise RuntimeError(f"signing in answered {status}")
    return headers["Set-Cookie"].split(";")[0]


# ---- the load --------------------------------------------------------------

def run_wrk(port, path, headers, seconds, clients):
    command = ["wrk", f"-t{min(clients, 2)}", f"-c{clients}", f"-d{seconds}s", "--latency",
               "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [f"http://127.0.0.1:{port}{path}"], check=True,
                            capture_output=True, text=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{path}: {errors.group(1)} responses were errors")
    return rate, _wrk_ms(output, "50%"), _wrk_ms(output, "99%")


def _wrk_ms(output, percentile):
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\b", output, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_python(port, path, headers, seconds, clients):
    """The fallback: ``clients`` threads on keep-alive connections for ``seconds``."""
    latencies, failures, stop_at = [], [], time.monotonic() + seconds
    lock = threading.Lock()

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        while time.monotonic() < stop_at:
            start = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                failures.append(response.status)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{path}: {len(failures)} responses were errors ({failures[0]})")
    latencies.sort()
    rank = lambda share: latencies[min(len(latencies) - 1, int(share * len(latencies)))]  # noqa
    return (len(latencies) / (time.monotonic() - started), rank(0.50) * 1000,
            rank(0.99) * 1000)


def drive(port, path, headers, seconds, clients):
    """(req/s, p50 ms, p99 ms) after a short warm-up; every answer must be 200.

    The warm-up sends ``clients`` requests at once, three times, so that
    every gunicorn worker has answered the URL (imports, its own cache)
    before the measurement, not just the one a lone request reaches.
    """
    statuses = []

    def warm():
        statuses.append(request(port, "GET", path, headers=headers)[0])

    for _ in range(3):
        threads = [threading.Thread(target=warm) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if set(statuses) != {200}:
        raise RuntimeError(f"{path} answered {sorted(set(statuses))}")
    load = run_wrk if shutil.which("wrk") else run_python
    return load(port, path, headers, seconds, clients)


# ---- the run ---------------------------------------------------------------

def load_average():
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def measure_size(items, seconds, clients):
    start = time.perf_counter()
    url, drop, token = build_database(items)
    print(f"  {items:,} items: database built in {time.perf_counter() - start:.0f} s; "
          f"{load_average()}", flush=True)
    results = {}
    try:
        server = Gunicorn("wsgi:app", database_url=url)
        try:
            auth = {"token": {"Authorization": f"Bearer {token}"},
                    "cookie": {"Cookie": session_cookie(server.port)}}
            for label, path, how in URLS:
                results[label] = drive(server.port, path, auth[how], seconds, clients)
                rate, p50, p99 = results[label]
                print(f"    {label:<34}{rate:>9.1f} req/s  p50 {p50:>7.1f} ms  "
                      f"p99 {p99:>7.1f} ms", flush=True)
        finally:
            server.stop()
    finally:
        drop()
    return results


def measure_hello(seconds, clients):
    server = Gunicorn("web:hello_app")
    try:
        return drive(server.port, "/", {}, seconds, clients)
    finally:
        server.stop()


def print_table(sizes, results, hello):
    small, big = sizes[0], sizes[-1]
    header = "".join(f"{f'{size:,} items':>30}" for size in sizes)
    print(f"\n{'URL (signed in as the leader)':<34}{header}{'ratio':>8}{'slower by':>11}")
    print(f"{'':<34}" + f"{'req/s   p50 ms   p99 ms':>30}" * len(sizes))
    for label, _path, _how in URLS:
        cells = "".join(f"{results[size][label][0]:>13.1f}{results[size][label][1]:>9.1f}"
                        f"{results[size][label][2]:>8.1f}" for size in sizes)
        ratio = results[big][label][0] / results[small][label][0]
        print(f"{label:<34}{cells}{ratio:>8.2f}{1 / ratio:>10.1f}×")
    rate, p50, p99 = hello
    print(f"{'hello-world Flask route':<34}{rate:>13.1f}{p50:>9.1f}{p99:>8.1f}")
    print(f"(ratio: req/s at {big:,} ÷ req/s at {small:,}; the goal is 0.67 or more)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,100000")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    tool = "wrk" if shutil.which("wrk") else "a Python load generator (apt-get install -y wrk)"
    print(f"gunicorn.conf.py, 2 sync workers, production config, PostgreSQL, {args.clients} "
          f"clients, {args.seconds} s per URL, load from {tool}; {os.cpu_count()} cores, "
          f"{load_average()}", flush=True)
    results = {size: measure_size(size, args.seconds, args.clients) for size in sizes}
    hello = measure_hello(args.seconds, args.clients)
    print_table(sizes, results, hello)
    print(f"finished; {load_average()}")


if __name__ == "__main__":
    main()
