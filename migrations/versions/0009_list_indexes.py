"""list indexes: every order and filter of the item list, and its text search

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-09 09:00:00

The item list reads one page in its order (rbtasks.items.ordering): an index
of (column, id) per order lets the database read the page from the index
instead of sorting every item, and each filter column gets an index with the
default order (due date) after it. The priority is ordered by its rank, an
expression: an expression index where the database has them (PostgreSQL,
SQLite; MariaDB sorts the filtered items). On PostgreSQL a partial index of
the open items by due date answers the overdue filter without stepping over
the done items of past years. The text search (``lower(column)
LIKE '%…%'``) gets trigram GIN indexes on PostgreSQL when the pg_trgm
extension is available and may be created; elsewhere it stays a scan, and
stays correct. These last indexes are not in the models
(``DATABASE_ONLY_INDEXES``).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

ORDER_INDEXES = {
    'ix_action_item_due_id': ['due_date', 'id'],
    'ix_action_item_title_id': ['title', 'id'],
    'ix_action_item_status_id': ['status', 'id'],
    'ix_action_item_progress_id': ['progress', 'id'],
    'ix_action_item_updated_id': ['updated_at', 'id'],
}
# The same text as rbtasks.items.ordering.PRIORITY_RANK_SQL, frozen here.
PRIORITY_RANK = "(CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 END)"
SEARCHED = ('title', 'output', 'indicator')


def upgrade():
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        # The filter indexes replace the single-column ones (their first column
        # serves the foreign keys as before).
        batch_op.create_index('ix_action_item_agency_due', ['agency_id', 'due_date'], unique=False)
        batch_op.create_index('ix_action_item_owner_due', ['owner_id', 'due_date'], unique=False)
        batch_op.drop_index('ix_action_item_agency_id')
        batch_op.drop_index('ix_action_item_owner_id')
        for name, columns in ORDER_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    bind = op.get_bind()
    if bind.dialect.name in ('postgresql', 'sqlite'):
        op.execute(f"CREATE INDEX ix_action_item_priority_rank ON action_item "
                   f"({PRIORITY_RANK}, id)")
    if bind.dialect.name == 'postgresql':
        # The open items by due date: the overdue filter (and what is due
        # soon) reads them without stepping over years of done items.
        op.execute("CREATE INDEX ix_action_item_open_due ON action_item (due_date, id) "
                   "WHERE status IN ('not_started', 'in_progress', 'blocked') "
                   "AND deleted_at IS NULL")
    if bind.dialect.name == 'postgresql' and _trigrams_available(bind):
        for column in SEARCHED:
            op.execute(f"CREATE INDEX ix_action_item_{column}_trgm ON action_item "
                       f"USING gin (lower({column}) gin_trgm_ops)")


def _trigrams_available(bind):
    """Whether pg_trgm is installed here or may be (a savepoint keeps a
    refused CREATE EXTENSION from spoiling the migration's transaction)."""
    available = bind.execute(sa.text(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
    if available is None:
        return False
    savepoint = bind.begin_nested()
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name in ('postgresql', 'sqlite'):
        for column in SEARCHED:
            op.execute(f"DROP INDEX IF EXISTS ix_action_item_{column}_trgm")
        op.execute("DROP INDEX IF EXISTS ix_action_item_priority_rank")
        op.execute("DROP INDEX IF EXISTS ix_action_item_open_due")
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        for name in reversed(list(ORDER_INDEXES)):
            batch_op.drop_index(name)
        batch_op.create_index('ix_action_item_owner_id', ['owner_id'], unique=False)
        batch_op.create_index('ix_action_item_agency_id', ['agency_id'], unique=False)
        batch_op.drop_index('ix_action_item_owner_due')
        batch_op.drop_index('ix_action_item_agency_due')
