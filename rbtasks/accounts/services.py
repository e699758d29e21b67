"""Account services: authentication and the user's own settings.

Services take plain values and the acting user; they flush, the edge commits.
"""
import hashlib

import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.extensions import db

# A real scrypt hash, so an unknown email costs the same time as a wrong password.
_DUMMY_HASH = None


def normalise_email(email):
    return (email or "").strip().lower()


def find_user_by_email(email):
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def authenticate(email, password):
    """The active user with this email and password, or None."""
    global _DUMMY_HASH
    user = find_user_by_email(email)
    if user is None or not user.active:
        if _DUMMY_HASH is None:
            from werkzeug.security import generate_password_hash

            _DUMMY_HASH = generate_password_hash("not-a-password")
        from werkzeug.security import check_password_hash

        check_password_hash(_DUMMY_HASH, password or "")
        return None
    return user if user.check_password(password or "") else None


def token_digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
