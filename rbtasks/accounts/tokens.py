"""API tokens: created once, shown once, stored as a digest, revocable."""
import secrets
from datetime import timedelta

import sqlalchemy as sa

from rbtasks.accounts.models import ApiToken
from rbtasks.accounts.services import token_digest
from rbtasks.extensions import db

_TOUCH_EVERY = timedelta(minutes=5)


def create_api_token(user, name, now):
    """Make a token for ``user``; returns (ApiToken, the plain token).

    The plain token is never stored, so it can only be shown this once.
    """
    plain = "rbt_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=(name or "").strip()[:100], token_hash=token_digest(plain),
                     created_at=now)
    db.session.add(token)
    db.session.flush()
    return token, plain


def user_for_token(plain, now):
    """The active user a live token belongs to, or None."""
    if len(plain) > 200:
        return None
    token = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.token_hash == token_digest(plain),
                                  ApiToken.revoked_at.is_(None))
    )
    if token is None or not token.user.active:
        return None
    if token.last_used_at is None or now - token.last_used_at > _TOUCH_EVERY:
        token.last_used_at = now
        db.session.commit()
    return token.user


def list_api_tokens(user):
    """The user's tokens, newest first, revoked ones included (for the record)."""
    return db.session.scalars(
        sa.select(ApiToken).where(ApiToken.user_id == user.id)
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    ).all()


def revoke_api_token(user, token_id, now):
    """Revoke one of ``user``'s own tokens; False when it is not theirs or
    does not exist. Revoking twice keeps the first moment."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        return False
    if token.revoked_at is None:
        token.revoked_at = now
        db.session.flush()
    return True
