"""data version

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-10 09:00:00

One row: the token that changes with every write to the tables the
dashboard's cached numbers are computed from (rbtasks/dataversion). The
row is created here with a random token, so caches start empty-handed.
"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    data_version = op.create_table('data_version',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('token', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_version'))
    )
    op.bulk_insert(data_version, [{"id": 1, "token": secrets.randbits(62)}])


def downgrade():
    op.drop_table('data_version')
