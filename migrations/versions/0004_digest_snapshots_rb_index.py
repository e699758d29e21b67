"""digest snapshots rb index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 06:47:13.577597

"""
from alembic import op
import sqlalchemy as sa

import rbtasks.timeutil


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('weekly_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('scope_id', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('not_started', sa.Integer(), nullable=False),
    sa.Column('in_progress', sa.Integer(), nullable=False),
    sa.Column('submitted', sa.Integer(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('blocked', sa.Integer(), nullable=False),
    sa.Column('cancelled', sa.Integer(), nullable=False),
    sa.Column('overdue', sa.Integer(), nullable=False),
    sa.Column('average_progress', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('taken_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.CheckConstraint("scope IN ('all', 'pokja', 'agency')", name=op.f('ck_weekly_snapshot_scope_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_weekly_snapshot')),
    sa.UniqueConstraint('week_start', 'scope', 'scope_id', name='uq_weekly_snapshot_week_scope')
    )
    with op.batch_alter_table('weekly_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_weekly_snapshot_week_start'), ['week_start'], unique=False)

    op.create_table('index_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('score', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('target', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('enablers', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('results', sa.Numeric(precision=5, scale=2), nullable=True),
    sa.Column('source_note', sa.String(length=500), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.CheckConstraint('enablers IS NULL OR (enablers >= 0 AND enablers <= 60)', name=op.f('ck_index_score_enablers_range')),
    sa.CheckConstraint('results IS NULL OR (results >= 0 AND results <= 40)', name=op.f('ck_index_score_results_range')),
    sa.CheckConstraint('score IS NOT NULL OR target IS NOT NULL', name=op.f('ck_index_score_score_or_target')),
    sa.CheckConstraint('score IS NULL OR (score >= 0 AND score <= 100)', name=op.f('ck_index_score_score_range')),
    sa.CheckConstraint('target IS NULL OR (target >= 0 AND target <= 100)', name=op.f('ck_index_score_target_range')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_index_score_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_index_score')),
    sa.UniqueConstraint('year', name=op.f('uq_index_score_year'))
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wants_digest', sa.Boolean(), server_default=sa.true(), nullable=False))



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('wants_digest')

    op.drop_table('index_score')
    with op.batch_alter_table('weekly_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_weekly_snapshot_week_start'))

    op.drop_table('weekly_snapshot')
