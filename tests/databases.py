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
