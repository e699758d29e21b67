"""Which databases the suite runs on, and whether a missing one is a failure.

SQLite always runs. PostgreSQL and MariaDB run when their server answers;
with ``RBTASKS_REQUIRE_DATABASES=1`` (set by ``.ci/run``) a missing server
fails the run instead of skipping it.
"""
import os

import sqlalchemy as sa

POSTGRES_URL = os.environ.get(
    "RBTASKS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
MARIADB_URL = os.environ.get(
    "RBTASKS_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4"
)
SERVER_URLS = {"postgresql": POSTGRES_URL, "mariadb": MARIADB_URL}
REQUIRED = os.environ.get("RBTASKS_REQUIRE_DATABASES", "").lower() in {"1", "true", "yes"}


def selected_backends():
    wanted = os.environ.get("RBTASKS_TEST_DATABASES", "sqlite,postgresql,mariadb")
    return [name.strip() for name in wanted.split(",") if name.strip()]


def server_answers(url):
    engine = sa.create_engine(url, connect_args=_connect_timeout(url))
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        return True, ""
    except Exception as error:  # noqa: BLE001 - any failure means "not there"
        return False, str(error).splitlines()[0]
    finally:
        engine.dispose()


def _connect_timeout(url):
    if url.startswith("postgresql"):
        return {"connect_timeout": 3}
    if url.startswith("mysql"):
        return {"connect_timeout": 3}
    return {}


def create_private_database(url):
    """A fresh database on the same server for this test run, so that several
    runs (developers, CI, helpers) never drop each other's tables.

    Returns (the new database's URL, a function that drops it), or the given
    URL and a no-op when the server refuses (e.g. no CREATE privilege).
    """
    import os
    import secrets

    base = sa.engine.make_url(url)
    name = f"rbtasks_t_{os.getpid()}_{secrets.token_hex(3)}"
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT",
                              connect_args=_connect_timeout(url))
    try:
        with engine.connect() as connection:
            if base.get_backend_name() == "mysql":
                connection.execute(sa.text(
                    f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"))
            else:
                connection.execute(sa.text(f"CREATE DATABASE {name}"))
    except Exception:  # noqa: BLE001 - fall back to the shared database
        engine.dispose()
        return url, lambda: None

    def drop():
        with engine.connect() as connection:
            if base.get_backend_name() == "postgresql":
                connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            else:
                connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name}"))
        engine.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop
