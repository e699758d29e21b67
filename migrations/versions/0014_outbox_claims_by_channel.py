"""outbox claims by channel: an index led by the channel

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-14 09:00:00

A delivery process claims emails first, then WhatsApp messages, each with
``SELECT … FOR UPDATE SKIP LOCKED`` over the (status, next_attempt_at)
index. On MariaDB that scan locks every pending row it reads, WhatsApp rows
included, even though the email claim takes none of them; a second process
claiming WhatsApp messages at that moment skipped them all and stopped with
nothing sent. Led by the channel, each claim reads only its own channel's
rows. The old index stays for the delivery log's status filter.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_message_channel_status_next_attempt',
                              ['channel', 'status', 'next_attempt_at'], unique=False)


def downgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_message_channel_status_next_attempt')
