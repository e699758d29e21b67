"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 06:10:55.336843

"""
from alembic import op
import sqlalchemy as sa

import rbtasks.timeutil


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('head_name', sa.String(length=200), nullable=False),
    sa.Column('head_email', sa.String(length=254), nullable=True),
    sa.Column('head_phone', sa.String(length=40), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['agency.id'], name=op.f('fk_agency_parent_id_agency'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency')),
    sa.UniqueConstraint('code', name=op.f('uq_agency_code'))
    )
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_parent_id'), ['parent_id'], unique=False)

    op.create_table('area',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_area')),
    sa.UniqueConstraint('name', name=op.f('uq_area_name'))
    )
    op.create_table('pokja',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('lead_agency_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_pokja_area_id_area'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lead_agency_id'], ['agency.id'], name=op.f('fk_pokja_lead_agency_id_agency'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pokja')),
    sa.UniqueConstraint('name', name=op.f('uq_pokja_name'))
    )
    with op.batch_alter_table('pokja', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pokja_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pokja_lead_agency_id'), ['lead_agency_id'], unique=False)

    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.CheckConstraint("locale IN ('id', 'en')", name=op.f('ck_user_locale_valid')),
    sa.CheckConstraint("role IN ('admin', 'leader', 'coordinator', 'agency_head', 'member')", name=op.f('ck_user_role_valid')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_user_agency_id_agency'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user')),
    sa.UniqueConstraint('email', name=op.f('uq_user_email'))
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_agency_id'), ['agency_id'], unique=False)

    op.create_table('action_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('pokja_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('output', sa.String(length=500), nullable=False),
    sa.Column('indicator', sa.String(length=500), nullable=False),
    sa.Column('target', sa.String(length=100), nullable=False),
    sa.Column('unit', sa.String(length=50), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('budget', sa.BigInteger(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('updated_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("priority IN ('low', 'normal', 'high')", name=op.f('ck_action_item_priority_valid')),
    sa.CheckConstraint("status IN ('not_started', 'in_progress', 'submitted', 'done', 'blocked', 'cancelled')", name=op.f('ck_action_item_status_valid')),
    sa.CheckConstraint('budget IS NULL OR budget >= 0', name=op.f('ck_action_item_budget_positive')),
    sa.CheckConstraint('progress >= 0 AND progress <= 100', name=op.f('ck_action_item_progress_range')),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_action_item_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_action_item_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['user.id'], name=op.f('fk_action_item_owner_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['pokja_id'], ['pokja.id'], name=op.f('fk_action_item_pokja_id_pokja'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_action_item_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_item'))
    )
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_item_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_item_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index('ix_action_item_pokja_due', ['pokja_id', 'due_date'], unique=False)
        batch_op.create_index('ix_action_item_status_due', ['status', 'due_date'], unique=False)

    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('last_used_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.Column('revoked_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_api_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_token_user_id'), ['user_id'], unique=False)

    op.create_table('password_reset_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('expires_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('used_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_password_reset_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_reset_token_token_hash'))
    )
    with op.batch_alter_table('password_reset_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_reset_token_user_id'), ['user_id'], unique=False)

    op.create_table('pokja_coordinator',
    sa.Column('pokja_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['pokja_id'], ['pokja.id'], name=op.f('fk_pokja_coordinator_pokja_id_pokja'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_pokja_coordinator_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pokja_id', 'user_id', name=op.f('pk_pokja_coordinator'))
    )
    op.create_table('pokja_member',
    sa.Column('pokja_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['pokja_id'], ['pokja.id'], name=op.f('fk_pokja_member_pokja_id_pokja'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_pokja_member_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pokja_id', 'user_id', name=op.f('pk_pokja_member'))
    )
    op.create_table('activity_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('field', sa.String(length=50), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_activity_entry_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_activity_entry_item_id_action_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_entry'))
    )
    with op.batch_alter_table('activity_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_entry_item_id'), ['item_id'], unique=False)

    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_comment_author_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_comment_item_id_action_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comment'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comment_item_id'), ['item_id'], unique=False)



def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comment_item_id'))

    op.drop_table('comment')
    with op.batch_alter_table('activity_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_entry_item_id'))

    op.drop_table('activity_entry')
    op.drop_table('pokja_member')
    op.drop_table('pokja_coordinator')
    with op.batch_alter_table('password_reset_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_reset_token_user_id'))

    op.drop_table('password_reset_token')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_token_user_id'))

    op.drop_table('api_token')
    with op.batch_alter_table('action_item', schema=None) as batch_op:
        batch_op.drop_index('ix_action_item_status_due')
        batch_op.drop_index('ix_action_item_pokja_due')
        batch_op.drop_index(batch_op.f('ix_action_item_owner_id'))
        batch_op.drop_index(batch_op.f('ix_action_item_agency_id'))

    op.drop_table('action_item')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_agency_id'))

    op.drop_table('user')
    with op.batch_alter_table('pokja', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pokja_lead_agency_id'))
        batch_op.drop_index(batch_op.f('ix_pokja_area_id'))

    op.drop_table('pokja')
    op.drop_table('area')
    with op.batch_alter_table('agency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_parent_id'))

    op.drop_table('agency')
