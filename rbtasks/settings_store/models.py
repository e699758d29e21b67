"""Settings that admins change at run time, stored as JSON under a key."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime


class Setting(db.Model):
    """One setting; read and written through rbtasks.settings_store.store."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(sa.String(50), primary_key=True)
    value: Mapped[dict] = mapped_column(sa.JSON)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
