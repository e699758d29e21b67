"""seed the eight areas of change of the Road Map RB 2020-2024

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 09:00:00

A fresh install starts with the areas of change (area perubahan) every pokja
is formed around, instead of an empty list that only the demo filled. They
are reference data that admins edit afterwards, so this runs only on an empty
``area`` table: a database that already has areas (the Road Map's, renamed
ones, an older road map's) is left exactly as it is.

The names are frozen here rather than imported, because a migration must do
the same thing whenever it runs; ``rbtasks/demo/data.py`` uses the same names
(a test keeps the two equal), so the demo seeds on top of them.

Downgrade deletes nothing: once the upgrade has run, an admin may have renamed
or reordered these rows and pokja refer to them, and revision 0004 works with
them in place. Remove areas through the administration page instead.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

ROAD_MAP_AREAS = (
    "Manajemen Perubahan",
    "Deregulasi Kebijakan",
    "Penataan dan Penguatan Organisasi",
    "Penataan Tatalaksana",
    "Penataan Sistem Manajemen SDM",
    "Penguatan Akuntabilitas",
    "Penguatan Pengawasan",
    "Peningkatan Kualitas Pelayanan Publik",
)

area = sa.table(
    "area",
    sa.column("name", sa.String),
    sa.column("position", sa.Integer),
    sa.column("active", sa.Boolean),
)


def upgrade():
    has_areas = op.get_bind().execute(sa.select(sa.func.count()).select_from(area)).scalar()
    if has_areas:
        return
    op.bulk_insert(area, [{"name": name, "position": position, "active": True}
                          for position, name in enumerate(ROAD_MAP_AREAS, start=1)])


def downgrade():
    pass
