"""workflow evidence realisation extensions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 06:21:13.349230

"""
from alembic import op
import sqlalchemy as sa

import rbtasks.timeutil


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('stored_name', sa.String(length=64), nullable=True),
    sa.Column('original_name', sa.String(length=255), nullable=True),
    sa.Column('content_type', sa.String(length=100), nullable=True),
    sa.Column('size_bytes', sa.BigInteger(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('added_by_id', sa.Integer(), nullable=True),
    sa.Column('added_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('notulen', 'daftar_hadir', 'foto', 'sk', 'sop', 'laporan', 'tautan', 'lainnya')", name=op.f('ck_evidence_kind_valid')),
    sa.CheckConstraint('(url IS NULL) <> (stored_name IS NULL)', name=op.f('ck_evidence_link_or_file')),
    sa.ForeignKeyConstraint(['added_by_id'], ['user.id'], name=op.f('fk_evidence_added_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_evidence_item_id_action_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_evidence_stored_name'))
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_item_id'), ['item_id'], unique=False)

    op.create_table('extension_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('open_item_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('old_due_date', sa.Date(), nullable=False),
    sa.Column('new_due_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('requested_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'approved', 'rejected')", name=op.f('ck_extension_request_status_valid')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_extension_request_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_extension_request_item_id_action_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['open_item_id'], ['action_item.id'], name=op.f('fk_extension_request_open_item_id_action_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['user.id'], name=op.f('fk_extension_request_requested_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extension_request')),
    sa.UniqueConstraint('open_item_id', name=op.f('uq_extension_request_open_item_id'))
    )
    with op.batch_alter_table('extension_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extension_request_item_id'), ['item_id'], unique=False)

    op.create_table('quarter_realisation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('quarter', sa.Integer(), nullable=False),
    sa.Column('target', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('realisation', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('obstacles', sa.Text(), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=False),
    sa.CheckConstraint('quarter BETWEEN 1 AND 4', name=op.f('ck_quarter_realisation_quarter_range')),
    sa.CheckConstraint('realisation IS NULL OR realisation >= 0', name=op.f('ck_quarter_realisation_realisation_positive')),
    sa.CheckConstraint('target IS NULL OR target >= 0', name=op.f('ck_quarter_realisation_target_positive')),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_quarter_realisation_item_id_action_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quarter_realisation')),
    sa.UniqueConstraint('item_id', 'quarter', name='uq_quarter_realisation_item_quarter')
    )
    with op.batch_alter_table('quarter_realisation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_quarter_realisation_item_id'), ['item_id'], unique=False)

    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_at', rbtasks.timeutil.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('completed_at', rbtasks.timeutil.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('block_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('realisation_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('progress_from_quarters', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade():
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.drop_column('progress_from_quarters')
        batch_op.drop_column('realisation_note')
        batch_op.drop_column('block_reason')
        batch_op.drop_column('completed_at')
        batch_op.drop_column('submitted_at')

    with op.batch_alter_table('quarter_realisation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_quarter_realisation_item_id'))

    op.drop_table('quarter_realisation')
    with op.batch_alter_table('extension_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_extension_request_item_id'))

    op.drop_table('extension_request')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_item_id'))

    op.drop_table('evidence')
