"""The province's organisation: areas of change, agencies and working groups."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.extensions import db

pokja_coordinator = db.Table(
    "pokja_coordinator",
    sa.Column("pokja_id", sa.ForeignKey("pokja.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
)

pokja_member = db.Table(
    "pokja_member",
    sa.Column("pokja_id", sa.ForeignKey("pokja.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
)


class Area(db.Model):
    """An area of change (area perubahan); reference data editable by admins."""

    __tablename__ = "area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self):
        return f"<Area {self.name!r}>"


class Agency(db.Model):
    """A regional agency (Perangkat Daerah / OPD) and its head."""

    __tablename__ = "agency"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    code: Mapped[str] = mapped_column(sa.String(30), unique=True)
    head_name: Mapped[str] = mapped_column(sa.String(200), default="")
    head_email: Mapped[str | None] = mapped_column(sa.String(254))
    head_phone: Mapped[str | None] = mapped_column(sa.String(40))
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agency.id", ondelete="SET NULL"), index=True
    )

    parent: Mapped["Agency | None"] = relationship(remote_side=[id])

    def __repr__(self):
        return f"<Agency {self.code}>"


class Pokja(db.Model):
    """A working group (kelompok kerja), one per area of change."""

    __tablename__ = "pokja"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    area_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("area.id", ondelete="SET NULL"), index=True
    )
    lead_agency_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("agency.id", ondelete="SET NULL"), index=True
    )

    area: Mapped[Area | None] = relationship()
    lead_agency: Mapped[Agency | None] = relationship()
    coordinators: Mapped[list["User"]] = relationship(  # noqa: F821
        secondary=pokja_coordinator, back_populates="coordinated_pokjas", order_by="User.name"
    )
    members: Mapped[list["User"]] = relationship(  # noqa: F821
        secondary=pokja_member, back_populates="member_pokjas", order_by="User.name"
    )

    def __repr__(self):
        return f"<Pokja {self.name!r}>"
