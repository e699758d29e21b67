"""search indexes without a pending list: the trigram GIN indexes update in place

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-11 09:00:00

A GIN index normally collects new rows in a pending list (``fastupdate``)
and folds them in at the next vacuum or when the list passes
``gin_pending_list_limit`` (4 MB). Every search reads the whole pending list
first: after an import of 100,000 items the list held them all, and a rare
search took 40 ms instead of 1 ms (1.3 s under eight clients). Items are
written a few at a time (imports a few hundred), so the indexes of the text
search (migration 0009) update in place instead, and what is pending now is
folded in here. PostgreSQL only, and only where 0009 could make them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

SEARCHED = ('title', 'output', 'indicator')


def _existing_indexes(bind):
    names = [f'ix_action_item_{column}_trgm' for column in SEARCHED]
    return [name for name in names if bind.execute(
        sa.text("SELECT to_regclass(:name)"), {"name": name}).scalar() is not None]


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    for name in _existing_indexes(bind):
        op.execute(f"ALTER INDEX {name} SET (fastupdate = off)")
        op.execute(f"SELECT gin_clean_pending_list('{name}'::regclass)")


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    for name in _existing_indexes(bind):
        op.execute(f"ALTER INDEX {name} RESET (fastupdate)")
