"""MariaDB's list indexes: the priority's rank and the open items by due date

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-15 09:00:00

PostgreSQL (and SQLite) index the priority's rank as an expression and
PostgreSQL the open items by due date as a partial index (migration 0009).
MariaDB has neither expression nor partial indexes, so at 100,000 items
sorting by priority read and sorted the whole table (56 ms against 16 ms at
5,000) and the overdue filter stepped over thousands of done items (57 ms
against 15 ms). MariaDB indexes virtual columns instead: ``priority_rank``
(0 low, 1 normal, 2 high) and ``is_open`` (1 for not started, in progress
or blocked), computed by the database and never written by the
application; the item list reads them on MariaDB (rbtasks.items.ordering,
rbtasks.items.queries). The open items' index holds ``deleted_at`` too, so
the list's capped count of overdue items is read from the index alone.
MariaDB and MySQL only.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None

PRIORITY_RANK = "(CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 END)"
IS_OPEN = "(status IN ('not_started', 'in_progress', 'blocked'))"


def upgrade():
    if op.get_bind().dialect.name != 'mysql':
        return
    op.execute(
        f"ALTER TABLE action_item "
        f"ADD COLUMN priority_rank TINYINT AS {PRIORITY_RANK} VIRTUAL, "
        f"ADD COLUMN is_open TINYINT AS {IS_OPEN} VIRTUAL, "
        f"ADD INDEX ix_action_item_priority_rank (priority_rank, id), "
        f"ADD INDEX ix_action_item_open_due (is_open, deleted_at, due_date, id)")


def downgrade():
    if op.get_bind().dialect.name != 'mysql':
        return
    op.execute("ALTER TABLE action_item DROP INDEX ix_action_item_open_due, "
               "DROP INDEX ix_action_item_priority_rank, DROP COLUMN is_open, "
               "DROP COLUMN priority_rank")
