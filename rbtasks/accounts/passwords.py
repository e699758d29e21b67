"""Forgotten passwords: single-use, time-limited reset links.

A reset token is 32 random bytes sent to the user's address; only its SHA-256
digest is kept with the account. A link works once, until
``RBTASKS_PASSWORD_RESET_MAX_AGE`` has passed, and asking for a new one cancels
the older ones. Nothing here tells the caller whether an email address has an
account: that decision stays inside the service.

The email goes through the outbox like every other (``enqueue``), so the
request never waits for a mail server: an address with an account is answered
as fast as one without, but for the milliseconds of rendering and queueing the
email, however slow the server. The outbox's delivery (the scheduler's minute
job, or ``flask rb deliver``) sends it. Until then the
queued email holds the link, so the outbox row (which coordinators never see
in the notification log) is as sensitive as the link: at most
``RBTASKS_PASSWORD_RESET_MAX_AGE`` long.

This module also gives each password a fingerprint that sessions carry, so
changing a password ends every other session of that user.
"""
import hashlib
import hmac
import logging
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from rbtasks import mail
from rbtasks.accounts.models import PasswordResetToken
from rbtasks.accounts.services import check_new_password, find_user_by_email, token_digest
from rbtasks.errors import NotFound, ValidationError
from rbtasks.extensions import db
from rbtasks.outbox.services import PlannedEmail, enqueue

logger = logging.getLogger(__name__)

# Within this time a second request sends no second email (the first link still
# works), so the form cannot be used to flood someone's inbox.
RESEND_AFTER = timedelta(minutes=1)
KIND = "password_reset"


class ResetLinkInvalid(NotFound):
    """The reset link is unknown, expired or already used (``reason`` says which)."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason


def request_password_reset(email, now):
    """Queue a reset link for the active account with this address, if any.

    Returns the queued email (a :class:`~rbtasks.mail.RenderedEmail`), or
    None when there is no such account or a link was sent less than a minute
    ago. Flushes; the edge commits and answers the same way in every case,
    so that nobody learns which addresses have accounts.
    """
    user = find_user_by_email(email)
    if user is None or not user.active:
        return None
    pending = db.session.scalars(
        sa.select(PasswordResetToken).where(PasswordResetToken.user_id == user.id,
                                            PasswordResetToken.used_at.is_(None))
    ).all()
    if any(now - token.created_at < RESEND_AFTER for token in pending):
        return None
    for token in pending:
        db.session.delete(token)
    plain = secrets.token_urlsafe(32)
    token = PasswordResetToken(user=user, token_hash=token_digest(plain), created_at=now,
                               expires_at=now + reset_max_age())
    db.session.add(token)
    db.session.flush()
    rendered = mail.render("password_reset", user.locale,
                           subject=_l("Choose a new password for rbtasks"),
                           user=user, reset_url=reset_url(plain), expires_at=token.expires_at)
    enqueue([PlannedEmail(kind=KIND, recipient_email=user.email, recipient_name=user.name,
                          recipient_user_id=user.id, locale=user.locale, rendered=rendered)],
            now)
    if not mail.mail_configured():
        logger.info("A password reset email for %s could not be sent because no mail "
                    "server is configured; it stays in the outbox.", user.email)
    return rendered


def reset_max_age():
    return current_app.config["RBTASKS_PASSWORD_RESET_MAX_AGE"]


def reset_url(plain):
    """The absolute link for the email, built from ``RBTASKS_BASE_URL``."""
    return mail.absolute_url("accounts.reset_password", token=plain)


def find_reset_token(plain, now):
    """The live reset token for ``plain``; ResetLinkInvalid otherwise."""
    token = None
    if plain and len(plain) <= 100:
        token = db.session.scalar(
            sa.select(PasswordResetToken).where(PasswordResetToken.token_hash
                                                == token_digest(plain))
        )
    if token is None or not token.user.active:
        raise ResetLinkInvalid("unknown", _("This password reset link is not valid. "
                                            "A newer link may have replaced it."))
    if token.used_at is not None:
        raise ResetLinkInvalid("used", _("This password reset link has already been used."))
    if now >= token.expires_at:
        raise ResetLinkInvalid("expired", _("This password reset link has expired."))
    return token


def reset_password(plain, new_password, confirmation, now):
    """Set a new password through a reset link, which is then used up.

    Returns the user. Other reset links of the user stop working too.
    """
    token = find_reset_token(plain, now)
    check_new_password(new_password, field="password")
    if new_password != confirmation:
        message = _("The two passwords do not match.")
        raise ValidationError(message, {"confirm": message})
    user = token.user
    user.set_password(new_password)
    token.used_at = now
    db.session.execute(
        sa.delete(PasswordResetToken).where(PasswordResetToken.user_id == user.id,
                                            PasswordResetToken.id != token.id,
                                            PasswordResetToken.used_at.is_(None))
    )
    db.session.flush()
    return user


def password_fingerprint(user):
    """A value that changes whenever the user's password does.

    A session remembers the fingerprint of the password it signed in with;
    once it differs, the session is over. It is keyed with SECRET_KEY, so it
    tells nothing about the password hash it derives from.
    """
    key = current_app.config["SECRET_KEY"].encode("utf-8")
    material = f"{user.id}:{user.password_hash}".encode("utf-8")
    return hmac.new(key, material, hashlib.sha256).hexdigest()[:32]
