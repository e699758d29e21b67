"""whatsapp: a second outbox channel, users' opt-in, normalised mobile numbers

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 09:00:00

An outbox row is an email or a WhatsApp message (``channel``, with the
number in ``recipient_phone``); the once-only key of a reminder's entries
gains the channel, so the WhatsApp message beside an email is planned once
too. Users gain ``whatsapp_opt_in``; their phone numbers are rewritten as
``62812…`` where they are Indonesian mobile numbers (others stay as they
were, and must be corrected before the user can opt in).
"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_CHANNELS = "channel IN ('email', 'whatsapp')"
_OLD_KEY = ['item_id', 'stage', 'due_date', 'period', 'recipient_email']


def _normalised(phone):
    """A frozen copy of rbtasks.inputs.phone.normalise_phone: 62812… or None."""
    compact = re.sub(r"[\s().\-/]+", "", phone or "")
    if compact.startswith("+62"):
        national = compact[3:]
    elif compact.startswith("62"):
        national = compact[2:]
    elif compact.startswith("+"):
        return None
    else:
        national = compact
    if national.startswith("0"):
        national = national[1:]
    return "62" + national if re.fullmatch(r"8[1-9][0-9]{7,10}", national) else None


def upgrade():
    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=10), server_default='email',
                                      nullable=False))
        batch_op.add_column(sa.Column('recipient_phone', sa.String(length=20), nullable=True))
        batch_op.create_check_constraint(op.f('ck_outbox_message_channel_valid'), _CHANNELS)

    with op.batch_alter_table('outbox_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=10), server_default='email',
                                      nullable=False))
        batch_op.create_check_constraint(op.f('ck_outbox_entry_channel_valid'), _CHANNELS)
        batch_op.drop_constraint('uq_outbox_entry_once', type_='unique')
        batch_op.create_unique_constraint('uq_outbox_entry_once', [*_OLD_KEY, 'channel'])

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('whatsapp_opt_in', sa.Boolean(),
                                      server_default=sa.false(), nullable=False))

    user = sa.table('user', sa.column('id', sa.Integer()), sa.column('phone', sa.String(40)))
    connection = op.get_bind()
    for user_id, phone in connection.execute(
            sa.select(user.c.id, user.c.phone).where(user.c.phone.is_not(None))).all():
        normalised = _normalised(phone)
        if normalised and normalised != phone:
            connection.execute(sa.update(user).where(user.c.id == user_id)
                               .values(phone=normalised))


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('whatsapp_opt_in')

    op.execute("DELETE FROM outbox_message WHERE channel = 'whatsapp'")
    with op.batch_alter_table('outbox_entry', schema=None) as batch_op:
        batch_op.drop_constraint('uq_outbox_entry_once', type_='unique')
        batch_op.create_unique_constraint('uq_outbox_entry_once', _OLD_KEY)
        batch_op.drop_constraint(op.f('ck_outbox_entry_channel_valid'), type_='check')
        batch_op.drop_column('channel')

    with op.batch_alter_table('outbox_message', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_outbox_message_channel_valid'), type_='check')
        batch_op.drop_column('recipient_phone')
        batch_op.drop_column('channel')
