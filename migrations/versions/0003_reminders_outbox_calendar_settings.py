"""reminders outbox calendar settings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 06:39:57.672734

"""
from alembic import op
import sqlalchemy as sa

import rbtasks.timeutil
from sqlalchemy.dialects import mysql

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('job_lock',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('last_run_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_lock'))
    )
    op.create_table('calendar_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('working', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_calendar_override_created_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_override')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_override_day'))
    )
    op.create_table('outbox_message',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('dedup_key', sa.String(length=200), nullable=True),
    sa.Column('recipient_email', sa.String(length=254), nullable=False),
    sa.Column('recipient_name', sa.String(length=200), nullable=False),
    sa.Column('recipient_user_id', sa.Integer(), nullable=True),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('message_id', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('planned_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('next_attempt_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('claimed_by', sa.String(length=100), nullable=True),
    sa.Column('claim_expires_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.Column('sent_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.CheckConstraint("status IN ('pending', 'sending', 'sent', 'failed', 'held')", name=op.f('ck_outbox_message_status_valid')),
    sa.ForeignKeyConstraint(['recipient_user_id'], ['user.id'], name=op.f('fk_outbox_message_recipient_user_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_message')),
    sa.UniqueConstraint('dedup_key', name=op.f('uq_outbox_message_dedup_key')),
    sa.UniqueConstraint('message_id', name=op.f('uq_outbox_message_message_id'))
    )
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_message_recipient_email'), ['recipient_email'], unique=False)
        batch_op.create_index('ix_outbox_message_status_next_attempt', ['status', 'next_attempt_at'], unique=False)

    op.create_table('setting',
    sa.Column('key', sa.String(length=50), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_setting_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_setting'))
    )
    op.create_table('outbox_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('content_id', sa.String(length=200), nullable=False),
    sa.Column('data', sa.LargeBinary().with_variant(mysql.LONGBLOB(), 'mysql'), nullable=False),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_message.id'], name=op.f('fk_outbox_attachment_message_id_outbox_message'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_attachment'))
    )
    with op.batch_alter_table('outbox_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_attachment_message_id'), ['message_id'], unique=False)

    op.create_table('outbox_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('period', sa.Integer(), nullable=False),
    sa.Column('recipient_email', sa.String(length=254), nullable=False),
    sa.CheckConstraint("stage IN ('before', 'overdue', 'escalation_1', 'escalation_2', 'waiting')", name=op.f('ck_outbox_entry_stage_valid')),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_outbox_entry_item_id_action_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_message.id'], name=op.f('fk_outbox_entry_message_id_outbox_message'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_entry')),
    sa.UniqueConstraint('item_id', 'stage', 'due_date', 'period', 'recipient_email', name='uq_outbox_entry_once')
    )
    with op.batch_alter_table('outbox_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_entry_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outbox_entry_message_id'), ['message_id'], unique=False)



def downgrade():
    with op.batch_alter_table('outbox_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_entry_message_id'))
        batch_op.drop_index(batch_op.f('ix_outbox_entry_item_id'))

    op.drop_table('outbox_entry')
    with op.batch_alter_table('outbox_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_attachment_message_id'))

    op.drop_table('outbox_attachment')
    op.drop_table('setting')
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_status_next_attempt')
        batch_op.drop_index(batch_op.f('ix_outbox_message_recipient_email'))

    op.drop_table('outbox_message')
    op.drop_table('calendar_override')
    op.drop_table('job_lock')
