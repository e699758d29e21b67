"""calendar feed tokens

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 09:00:00

One row per user: the random nonce their calendar-feed token is derived
from (with SECRET_KEY) and the SHA-256 digest of that token, by which a
feed request finds the row. The token itself is never stored
(rbtasks/calendarfeeds/tokens.py).
"""
from alembic import op
import sqlalchemy as sa

import rbtasks.timeutil


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calendar_feed_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('nonce', sa.String(length=64), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', rbtasks.timeutil.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_calendar_feed_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feed_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feed_token_token_hash')),
    sa.UniqueConstraint('user_id', name=op.f('uq_calendar_feed_token_user_id'))
    )


def downgrade():
    op.drop_table('calendar_feed_token')
