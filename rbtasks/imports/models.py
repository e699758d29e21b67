"""Which item each sheet row became, so that importing the sheet again updates it."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime

MAX_KEY = 320  # "title:" and a whole title (300 characters)


class ImportKey(db.Model):
    """A sheet row's stable key within a pokja → the item it created.

    The key is the row's No ("no:3") or, without one, its normalised title
    ("title:menyusun rencana kerja tim rb"). A pokja has each key once.
    """

    __tablename__ = "import_key"
    __table_args__ = (
        sa.UniqueConstraint("pokja_id", "key", name="uq_import_key_pokja_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pokja_id: Mapped[int] = mapped_column(sa.ForeignKey("pokja.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(MAX_KEY))
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action_item.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
