"""Changing the data version token whenever a watched table is written.

Two session hooks cover every way the application writes rows through
``db.session``:

* ``before_flush``: a flush that inserts, changes or deletes an object
  mapped to a watched table first sets a new token, so the token's row is
  locked before any of the flush's rows (two writers wait for each other at
  the token, never crosswise on the rows);
* ``do_orm_execute``: a bulk ``insert``/``update``/``delete`` statement on a
  watched table (an import, a batch update) sets a new token before it runs.

The new token is written in the writer's transaction: other connections see
it when, and only when, they see the rows. Writes that bypass the session
(raw SQL on a connection) are not seen; the application makes none to the
watched tables.
"""
import secrets
from itertools import chain

import sqlalchemy as sa
from flask_sqlalchemy.session import Session

from rbtasks.dataversion.models import ROW_ID, DataVersion
from rbtasks.extensions import db

_watched = set()


def watch(*table_names):
    """Change the token on every write to these tables (idempotent)."""
    _watched.update(table_names)


def watched_tables():
    return frozenset(_watched)


def current_token():
    """The token as this transaction sees it (one primary-key read), or None
    when the row is missing (a wiped database): cache nothing then."""
    return db.session.scalar(sa.select(DataVersion.token).where(DataVersion.id == ROW_ID))


def install():
    """Hook the application's sessions (those of Flask-SQLAlchemy, and the
    tests' subclass of it); safe to call for every app created."""
    if not sa.event.contains(Session, "before_flush", _before_flush):
        sa.event.listen(Session, "before_flush", _before_flush)
        sa.event.listen(Session, "do_orm_execute", _before_bulk_statement)


def _table_of(instance):
    return getattr(type(instance), "__tablename__", None)


def _writes_watched(session):
    if not _watched:
        return False
    if any(_table_of(instance) in _watched
           for instance in chain(session.new, session.deleted)):
        return True
    return any(_table_of(instance) in _watched and session.is_modified(instance)
               for instance in session.dirty)


def _before_flush(session, _flush_context, _instances):
    if _writes_watched(session):
        _new_token(session.connection())


def _before_bulk_statement(state):
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    if getattr(table, "name", None) in _watched:
        _new_token(state.session.connection())


def _new_token(connection):
    table = DataVersion.__table__
    token = secrets.randbits(62)
    changed = connection.execute(table.update().where(table.c.id == ROW_ID)
                                 .values(token=token))
    if changed.rowcount == 0:
        connection.execute(table.insert().values(id=ROW_ID, token=token))
