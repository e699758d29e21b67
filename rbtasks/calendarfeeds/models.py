"""A user's calendar-feed secret: a random nonce and the digest of the token.

The token in the feed's address is never stored. It is derived from the
nonce with the application's ``SECRET_KEY`` (see
:mod:`rbtasks.calendarfeeds.tokens`), so the database alone cannot rebuild an
address, yet the profile page and the API can show the current one again.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.timeutil import UTCDateTime


class CalendarFeedToken(db.Model):
    """One per user; replacing the nonce (a reset) retires the old address."""

    __tablename__ = "calendar_feed_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"),
                                         unique=True)
    # secrets.token_urlsafe(32): 43 characters
    nonce: Mapped[str] = mapped_column(sa.String(64))
    # SHA-256 hex digest of the derived token: how a feed request finds its row
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
