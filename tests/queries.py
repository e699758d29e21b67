"""Counting the SQL statements a piece of work sends, for the tests that keep it constant."""
from contextlib import contextmanager

import sqlalchemy as sa


@contextmanager
def counting_queries(engine):
    """Yield a list that collects every statement ``engine`` executes inside the block."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)


def queries_for(engine, fetch):
    """How many statements ``fetch()`` sends; it must answer 200."""
    with counting_queries(engine) as statements:
        response = fetch()
    assert response.status_code == 200
    return len(statements)
