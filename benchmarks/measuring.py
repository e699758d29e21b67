"""What the benchmarks share: an app on a throwaway database, timing, statement
counting and the command line. Import it after putting the repository root on
``sys.path`` (each benchmark does so first).
"""
import argparse
import time
from contextlib import contextmanager

import sqlalchemy as sa

from throwaway import databases


@contextmanager
def app_on_throwaway_database(label, name, **settings):
    """Yield ``(app, db)`` inside an app context on a new, migrated ``name``
    database ("sqlite" or "postgresql"), configured as the tests are plus
    ``settings``; the database is dropped afterwards."""
    from config import TestConfig
    from flask_migrate import upgrade

    from rbtasks import create_app
    from rbtasks.extensions import db

    url, drop = databases(label)[name]()
    try:
        config = type("BenchmarkConfig", (TestConfig,),
                      {"SQLALCHEMY_DATABASE_URI": url, **settings})
        app = create_app(config)
        with app.app_context():
            upgrade()
            try:
                yield app, db
            finally:
                db.session.remove()
                db.engine.dispose()
    finally:
        drop()


class StatementCounter:
    """Counts the SQL statements ``engine`` executes inside the ``with`` block."""

    def __init__(self, engine):
        self.engine = engine
        self.count = 0

    def __enter__(self):
        sa.event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        sa.event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def best_of(function, repeat=1):
    """(best seconds, last result) over ``repeat`` runs, without a warm-up
    (for work whose first run differs from the next, such as planning)."""
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def interleaved(functions, repeat):
    """[(best seconds, last result)] of each function, after one warm-up each,
    taking turns so that a busy machine slows them all alike."""
    for function in functions:
        function()
    best = [None] * len(functions)
    results = [None] * len(functions)
    for _ in range(repeat):
        for index, function in enumerate(functions):
            start = time.perf_counter()
            results[index] = function()
            elapsed = time.perf_counter() - start
            best[index] = elapsed if best[index] is None else min(best[index], elapsed)
    return list(zip(best, results))


def run_from_command_line(description, measure):
    """``--items`` and ``--databases``, then ``measure(name, items)`` for each database."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    for name in args.databases.split(","):
        measure(name.strip(), args.items)
