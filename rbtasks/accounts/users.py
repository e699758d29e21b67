"""User accounts administration: list, create and change users.

Used by the admin pages, the JSON API and ``flask rb create-user`` alike.
Emails are unique regardless of case (stored lower-case); a deactivated user
keeps their rows (items, comments, history) but can no longer sign in.
Services validate before they touch a row, flush, and leave the commit to
the edge.
"""
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from rbtasks.checks import (
    SYSTEM,
    FieldErrors,
    check_known,
    clean_bool,
    clean_choice,
    clean_email,
    clean_name,
    clean_mobile_phone,
    clean_search,
    get_or_404,
    reference,
    require_reader,
    require_writer,
    whatsapp_needs_phone,
)
from rbtasks.accounts.models import User
from rbtasks.roles import ADMIN, ROLES
from rbtasks.accounts.services import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from rbtasks.extensions import db
from rbtasks.paging import paginate
from rbtasks.i18n import LANGUAGE_CODES
from rbtasks.organisation.models import Agency

# One password rule for every way a password is set (profile, reset, admin, CLI, API).
PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH = MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH


# ---- users -----------------------------------------------------------------

USER_FIELDS = ("name", "email", "role", "agency_id", "phone", "whatsapp_opt_in", "locale",
               "active", "is_evaluator", "password")


def get_user(actor, user_id):
    require_reader(actor)
    return get_or_404(User, user_id, _("That user does not exist."))


def list_users(actor, *, role=None, agency_id=None, q=None, active=None, page=1, per_page=25):
    """A page of users by name, optionally filtered by role, agency and text."""
    require_reader(actor)
    text = clean_search(q)
    statement = sa.select(User).options(selectinload(User.agency))
    if role:
        errors = FieldErrors()
        clean_choice(errors, "role", role, ROLES)
        errors.raise_if_any()
        statement = statement.where(User.role == role)
    if agency_id is not None:
        statement = statement.where(User.agency_id == agency_id)
    if active is not None:
        statement = statement.where(User.active.is_(active))
    if text:
        statement = statement.where(sa.or_(
            sa.func.lower(User.name).contains(text, autoescape=True),
            User.email.contains(text, autoescape=True),
        ))
    return paginate(statement.order_by(User.name, User.id), page, per_page)


def user_options(actor, include=()):
    """Active users for a picker, plus the already chosen ``include`` users."""
    require_reader(actor)
    chosen_ids = [user.id for user in include]
    condition = User.active.is_(True)
    if chosen_ids:
        condition = sa.or_(condition, User.id.in_(chosen_ids))
    return db.session.scalars(sa.select(User).where(condition).options(selectinload(User.agency))
                              .order_by(User.name)).all()


def create_user(actor, *, now, **values):
    """Create an account with an initial password (the admin page, API and CLI)."""
    require_writer(actor)
    check_known(values, USER_FIELDS)
    values = {"locale": "id", "active": True, **values}
    cleaned = _clean_user(values, user=None)
    password = cleaned.pop("password")
    user = User(created_at=now, **cleaned)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def update_user(actor, user_id, **changes):
    """Change some of a user's fields. Deactivating keeps the user's rows;
    admins cannot deactivate or demote themselves (so one admin always remains)."""
    require_writer(actor)
    check_known(changes, USER_FIELDS)
    user = get_or_404(User, user_id, _("That user does not exist."))
    cleaned = _clean_user(changes, user=user)
    if actor is not SYSTEM and actor.id == user.id:
        errors = FieldErrors()
        if cleaned.get("active") is False:
            errors.add("active", _("You cannot deactivate your own account."))
        if cleaned.get("role", ADMIN) != ADMIN:
            errors.add("role", _("You cannot remove your own administrator role."))
        errors.raise_if_any()
    password = cleaned.pop("password", None)
    for name, value in cleaned.items():
        setattr(user, name, value)
    if password:
        user.set_password(password)
    db.session.flush()
    return user


def _clean_user(values, user):
    """Checks the given fields (all of them when creating) and returns them cleaned."""
    creating = user is None
    errors = FieldErrors()
    cleaned = {}
    if creating or "name" in values:
        cleaned["name"] = clean_name(errors, "name", values.get("name"))
    if creating or "email" in values:
        email = cleaned["email"] = clean_email(errors, "email", values.get("email"))
        if email and _email_taken(email, None if creating else user.id):
            errors.add("email", _("Another user already has this email address."))
    if creating or "role" in values:
        cleaned["role"] = clean_choice(errors, "role", values.get("role"), ROLES)
    if "agency_id" in values:
        agency = reference(errors, "agency_id", Agency, values["agency_id"],
                           _("That agency does not exist."))
        cleaned["agency_id"] = agency.id if agency else None
    if "phone" in values:
        cleaned["phone"] = clean_mobile_phone(errors, "phone", values["phone"])
    if "whatsapp_opt_in" in values:
        cleaned["whatsapp_opt_in"] = clean_bool(errors, "whatsapp_opt_in",
                                                values["whatsapp_opt_in"])
    if "phone" not in errors.fields:
        _check_whatsapp(errors, values, cleaned, user)
    if "locale" in values:
        cleaned["locale"] = clean_choice(errors, "locale", values["locale"], LANGUAGE_CODES)
    if "active" in values:
        cleaned["active"] = clean_bool(errors, "active", values["active"])
    if "is_evaluator" in values:
        cleaned["is_evaluator"] = clean_bool(errors, "is_evaluator", values["is_evaluator"])
    if creating or values.get("password"):
        cleaned["password"] = _clean_password(errors, values.get("password"))
    errors.raise_if_any()
    return cleaned


def _check_whatsapp(errors, values, cleaned, user):
    """The user as they will be may be opted in only with a phone number."""
    phone = cleaned["phone"] if "phone" in values else getattr(user, "phone", None)
    opted_in = cleaned.get("whatsapp_opt_in") if "whatsapp_opt_in" in values else bool(
        getattr(user, "whatsapp_opt_in", False))
    field = "whatsapp_opt_in" if "whatsapp_opt_in" in values else "phone"
    whatsapp_needs_phone(errors, field, opted_in, phone)


def _clean_password(errors, password):
    if not isinstance(password, str) or not password:
        errors.add("password", _("This field is required."))
    elif len(password) < PASSWORD_MIN_LENGTH:
        errors.add("password", _("At least %(count)d characters.", count=PASSWORD_MIN_LENGTH))
    elif len(password) > PASSWORD_MAX_LENGTH:
        errors.add("password", _("At most %(count)d characters.", count=PASSWORD_MAX_LENGTH))
    return password


def _email_taken(email, except_id):
    statement = sa.select(User.id).where(User.email == email)
    if except_id is not None:
        statement = statement.where(User.id != except_id)
    return db.session.scalar(statement.limit(1)) is not None
