"""The secret in a calendar feed's address: derived, never stored, revocable.

Calendar apps cannot sign in, so the address itself is the credential. The
issue asks for "only its hash stored", and the API must answer the current
address on every call (``GET /api/v1/calendar-feed``), so the token has to
be recoverable without being kept. It is therefore derived:

    nonce  = secrets.token_urlsafe(32)                  stored, per user
    token  = base64url(HMAC-SHA256(SECRET_KEY, "rbtasks-calendar-feed", user id, nonce))
    stored = SHA-256(token)                             how a request finds its row

- The database alone (nonce and digest, e.g. a leaked backup) cannot rebuild
  an address: that needs ``SECRET_KEY``, which lives only in the
  environment. ``SECRET_KEY`` alone cannot either: it needs the nonce.
  Whoever holds both can already forge any session, so nothing is weakened.
- The profile page and the API rebuild the address from the nonce whenever
  they show it, so it is never written down anywhere (not even in the
  session, as an API token shown once must be).
- A reset draws a new nonce: the old address finds no row and answers 404.
- Changing ``SECRET_KEY`` retires every address, as it signs everyone out:
  a request whose token is not the derivation of its row's nonce under the
  current key is refused, and the next time the address is asked for, the
  user gets a new one.
"""
import base64
import hashlib
import hmac
import secrets

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from rbtasks.calendarfeeds.models import CalendarFeedToken
from rbtasks.extensions import db

_PURPOSE = "rbtasks-calendar-feed"
MAX_TOKEN_LENGTH = 100  # a derived token has 43 characters; anything longer is not one


def token_digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _derive(user_id, nonce):
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    message = f"{_PURPOSE}\0{user_id}\0{nonce}".encode("utf-8")
    digest = hmac.new(key, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _row_of(user):
    return db.session.scalar(sa.select(CalendarFeedToken)
                             .where(CalendarFeedToken.user_id == user.id))


def _current(row):
    """The row's token under the current key, or None when the key changed since."""
    plain = _derive(row.user_id, row.nonce)
    return plain if hmac.compare_digest(row.token_hash, token_digest(plain)) else None


def _renew(row):
    row.nonce = secrets.token_urlsafe(32)
    plain = _derive(row.user_id, row.nonce)
    row.token_hash = token_digest(plain)
    return plain


def existing_feed_token(user):
    """``user``'s current token, or None when they have none yet (writes nothing)."""
    row = _row_of(user)
    return _current(row) if row is not None else None


def feed_token(user, now):
    """``user``'s current token, made on first use (or after a key change)."""
    row = _row_of(user)
    if row is not None:
        plain = _current(row)
        if plain is not None:
            return plain
    return reset_feed_token(user, now, row=row)


def reset_feed_token(user, now, row=None):
    """A new token for ``user``; every address made with the old one stops working."""
    row = row or _row_of(user)
    if row is None:
        row = CalendarFeedToken(user_id=user.id)
        db.session.add(row)
    row.created_at = now
    plain = _renew(row)
    db.session.flush()
    return plain


def user_for_feed_token(plain):
    """The active user whose current token ``plain`` is, or None (one query)."""
    if not plain or len(plain) > MAX_TOKEN_LENGTH:
        return None
    row = db.session.scalar(
        sa.select(CalendarFeedToken).options(joinedload(CalendarFeedToken.user))
        .where(CalendarFeedToken.token_hash == token_digest(plain)))
    if row is None or not row.user.active:
        return None
    current = _current(row)
    if current is None or not hmac.compare_digest(current, plain):
        return None
    return row.user
