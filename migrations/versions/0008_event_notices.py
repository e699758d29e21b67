"""event notices: what happened to a person's items, and their choices per kind

Revision ID: 0008
Revises: 0007_import_keys
Create Date: 2026-12-03 09:00:00

A notice is written in the transaction of the change it tells about (an item
returned, verified, blocked, reassigned, an extension asked for or decided,
a comment) and later grouped into one email per person; a preference row
records a kind a person turned on or off for a channel.
"""
from alembic import op
import sqlalchemy as sa

import rbtasks.timeutil


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007_import_keys'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notice_preference',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.CheckConstraint("channel IN ('email', 'whatsapp')", name=op.f('ck_notice_preference_channel_valid')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_notice_preference_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_preference')),
    sa.UniqueConstraint('user_id', 'kind', 'channel', name='uq_notice_preference_once')
    )
    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('read_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.Column('dispatched_at', rbtasks.timeutil.UTCDateTime(), nullable=True),
    sa.Column('email_message_id', sa.Integer(), nullable=True),
    sa.Column('whatsapp_message_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['user.id'], name=op.f('fk_notice_actor_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['email_message_id'], ['outbox_message.id'], name=op.f('fk_notice_email_message_id_outbox_message'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['item_id'], ['action_item.id'], name=op.f('fk_notice_item_id_action_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recipient_id'], ['user.id'], name=op.f('fk_notice_recipient_id_user'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['whatsapp_message_id'], ['outbox_message.id'], name=op.f('fk_notice_whatsapp_message_id_outbox_message'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index('ix_notice_dispatched_created', ['dispatched_at', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_email_message_id'), ['email_message_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_item_id'), ['item_id'], unique=False)
        batch_op.create_index('ix_notice_recipient_read', ['recipient_id', 'read_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_whatsapp_message_id'), ['whatsapp_message_id'], unique=False)



def downgrade():
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_whatsapp_message_id'))
        batch_op.drop_index('ix_notice_recipient_read')
        batch_op.drop_index(batch_op.f('ix_notice_item_id'))
        batch_op.drop_index(batch_op.f('ix_notice_email_message_id'))
        batch_op.drop_index('ix_notice_dispatched_created')

    op.drop_table('notice')
    op.drop_table('notice_preference')
