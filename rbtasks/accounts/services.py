"""Account services: authentication and the user's own settings.

Services take plain values and the acting user; they flush, the edge commits.
"""
import hashlib
from functools import cache

import sqlalchemy as sa
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from rbtasks.accounts.models import User
from rbtasks.checks import FieldErrors, clean_mobile_phone, whatsapp_needs_phone
from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.i18n import LANGUAGES

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200


def normalise_email(email):
    return (email or "").strip().lower()


def find_user_by_email(email):
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


@cache
def _dummy_hash():
    return generate_password_hash("not-a-password")


def authenticate(email, password):
    """The active user with this email and password, or None.

    An unknown email, an inactive account and a wrong password look the same
    to the caller and take about the same time (a real hash is checked in
    every case), so the sign-in page cannot be used to find accounts.
    """
    user = find_user_by_email(email)
    if user is None or not user.active or not user.password_hash:
        check_password_hash(_dummy_hash(), password or "")
        return None
    return user if user.check_password(password or "") else None


def token_digest(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_new_password(password, field="new_password"):
    """Raise ValidationError unless ``password`` is acceptable as a new password."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            _("The password must be at least %(count)d characters long.",
              count=MIN_PASSWORD_LENGTH),
            {field: _("At least %(count)d characters.", count=MIN_PASSWORD_LENGTH)},
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(
            _("The password must be at most %(count)d characters long.",
              count=MAX_PASSWORD_LENGTH),
            {field: _("At most %(count)d characters.", count=MAX_PASSWORD_LENGTH)},
        )


def change_password(user, current_password, new_password):
    """Set a new password for ``user``, who must prove the current one.

    Changing the password ends the user's other sessions (see
    ``rbtasks.accounts.passwords.password_fingerprint``).
    """
    if not user.check_password(current_password or ""):
        message = _("The current password is wrong.")
        raise ValidationError(message, {"current_password": message})
    check_new_password(new_password)
    if user.check_password(new_password):
        message = _("The new password must differ from the current one.")
        raise ValidationError(message, {"new_password": message})
    user.set_password(new_password)
    db.session.flush()


def keep_sign_in_language(user, locale):
    """The language chosen on the sign-in page becomes the user's own.

    Without this the choice would last only until sign-in, where the saved
    language of the account takes over again. ``None`` (no choice) keeps it.
    """
    if locale in LANGUAGES and user.locale != locale:
        user.locale = locale
        db.session.flush()


def update_own_settings(user, locale, phone, whatsapp_opt_in=None):
    """Save the settings a user may change themselves: language, mobile
    number (normalised to ``62812…``) and WhatsApp notices, which need the
    number. ``whatsapp_opt_in=None`` keeps the current choice."""
    errors = FieldErrors()
    if locale not in LANGUAGES:
        errors.add("locale", _("Choose Bahasa Indonesia or English."))
    phone = clean_mobile_phone(errors, "phone", phone)
    opted_in = user.whatsapp_opt_in if whatsapp_opt_in is None else bool(whatsapp_opt_in)
    if "phone" not in errors.fields:
        whatsapp_needs_phone(errors, "whatsapp_opt_in", opted_in, phone)
    errors.raise_if_any()
    user.locale = locale
    user.phone = phone
    user.whatsapp_opt_in = opted_in
    db.session.flush()
