"""Test isolation by rollback: every test's writes live in one outer
transaction that is rolled back afterwards, so no table has to be emptied.

This is SQLAlchemy's "Joining a Session into an External Transaction (such as
for test suites)": one connection, one transaction begun on it, and
``db.session`` bound to that connection with
``join_transaction_mode="create_savepoint"``. Code that commits (services'
edges, factories, CLI commands, requests) releases a SAVEPOINT; code that
rolls back (an IntegrityError caught in a service, an error handler) returns
to its SAVEPOINT; the outer transaction stays open until the test ends.

Requests from the test client run in their own application context and so
get their own session from the scoped registry, bound to the same
connection: they see the test's rows, and the test sees theirs.

Other connections and processes (subprocesses, threads, a live server, a
second engine) never see these rows; tests that need them to are marked
``real_commits`` and are cleaned up by deleting every row instead.
"""
from contextlib import contextmanager

from flask_sqlalchemy.session import Session


class ConnectionSession(Session):
    """Flask-SQLAlchemy's session, on the connection it was given.

    Flask-SQLAlchemy's ``get_bind`` picks an engine by bind key and ignores
    a connection passed as ``bind``; this one sends everything through it.
    """

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        return bind if bind is not None else self.bind


@contextmanager
def rolled_back(db):
    """Run the block with ``db.session`` inside a transaction that is rolled back."""
    connection = db.engine.connect()
    outer = connection.begin()
    _begin_on_sqlite(connection)
    app_session = db.session
    db.session = db._make_scoped_session({
        "class_": ConnectionSession, "bind": connection,
        "join_transaction_mode": "create_savepoint",
    })
    try:
        yield
    finally:
        try:
            db.session.remove()
        finally:
            db.session = app_session
            outer.rollback()
            connection.close()


def _begin_on_sqlite(connection):
    """Python 3.11's sqlite3 emits BEGIN only before INSERT/UPDATE/DELETE, not
    before SAVEPOINT; a SAVEPOINT outside a transaction is then the outermost
    one, and releasing it commits. Emitting BEGIN here first puts every
    SAVEPOINT inside the outer transaction (see SQLAlchemy's SQLite dialect
    notes, "Transactions with SQLite and the sqlite3 driver"). Only this
    connection is affected: the application's engine keeps the driver's
    behaviour for the tests that use it directly."""
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN")
