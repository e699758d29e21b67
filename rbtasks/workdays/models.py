"""Admin corrections to the working-day calendar."""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime


class CalendarOverride(db.Model):
    """A date whose working status differs from the holidays package.

    ``working`` False: an extra non-working day (e.g. a newly announced cuti
    bersama). ``working`` True: a listed holiday that is worked after all
    (e.g. a cuti bersama that the government moved).
    """

    __tablename__ = "calendar_override"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(sa.Date, unique=True)
    working: Mapped[bool]
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
