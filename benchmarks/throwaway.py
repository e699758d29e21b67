"""Throwaway databases for the benchmarks: a temp SQLite file, or a fresh
PostgreSQL or MariaDB database created and dropped around one run (never `test`).

Each function returns (url, drop).
"""
import os
import secrets
import tempfile
from pathlib import Path

import sqlalchemy as sa

POSTGRES_ADMIN_URL = os.environ.get(
    "RBTASKS_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
MARIADB_ADMIN_URL = os.environ.get(
    "RBTASKS_BENCH_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/mysql?charset=utf8mb4")


def sqlite_database(label="bench"):
    folder = Path(tempfile.mkdtemp(prefix=f"rbtasks-{label}-"))

    def drop():
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()

    return f"sqlite:///{folder / 'bench.sqlite3'}", drop


def postgres_database(label="bench"):
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"rbtasks_bench_{label}_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))

    def drop():
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()

    url = sa.engine.make_url(POSTGRES_ADMIN_URL).set(database=name)
    return url.render_as_string(hide_password=False), drop


def mariadb_database(label="bench"):
    admin = sa.create_engine(MARIADB_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"rbtasks_bench_{label}_{secrets.token_hex(4)}"
    with admin.connect() as connection:
        connection.execute(sa.text(
            f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))

    def drop():
        with admin.connect() as connection:
            connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        admin.dispose()

    url = sa.engine.make_url(MARIADB_ADMIN_URL).set(database=name)
    return url.render_as_string(hide_password=False), drop


def databases(label):
    """{"sqlite": factory, "postgresql": factory, "mariadb": factory} for one benchmark."""
    return {"sqlite": lambda: sqlite_database(label),
            "postgresql": lambda: postgres_database(label),
            "mariadb": lambda: mariadb_database(label)}
