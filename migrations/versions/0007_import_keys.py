"""import keys: which item each imported sheet row became

Revision ID: 0007_import_keys
Revises: 0006
Create Date: 2026-12-02 09:00:00

Importing the same rencana aksi sheet again must update the items it made
instead of copying them; this table remembers, per pokja, the key of each
imported row (its No, or its normalised title) and the item it created.
"""
from alembic import op
import sqlalchemy as sa

import rbtasks.timeutil


# revision identifiers, used by Alembic.
revision = '0007_import_keys'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pokja_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=320), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_import_key_item_id_action_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['pokja_id'], ['pokja.id'], name=op.f('fk_import_key_pokja_id_pokja'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_key')),
    sa.UniqueConstraint('pokja_id', 'key', name='uq_import_key_pokja_key')
    )
    with op.batch_alter_table('import_key', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_key_item_id'), ['item_id'], unique=False)


def downgrade():
    with op.batch_alter_table('import_key', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_key_item_id'))

    op.drop_table('import_key')
