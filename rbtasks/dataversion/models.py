"""The one row holding the current data version token."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from rbtasks.extensions import db

ROW_ID = 1


class DataVersion(db.Model):
    """``token`` changes (to a new random number) with every flush that
    writes a watched table; see rbtasks.dataversion.tracking."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    token: Mapped[int] = mapped_column(sa.BigInteger)
