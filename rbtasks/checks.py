"""The acting user, and the field checks every admin service shares.

Every service takes the acting user first. Reads of reference data and users
are open to any signed-in, active user (owners must be pickable in forms);
writes are for admins only. Operator commands (``flask rb ...``) act as
:data:`SYSTEM`, a sentinel no request can produce: a view passes
``current_user`` and the API ``g.api_user``, so ``None`` (nobody signed in)
is always refused and never means "trusted".

The checkers collect one message per field in :class:`FieldErrors`, so a
service validates everything before it touches a row and a refused change
leaves the database as it was. This module imports no models, so both
``rbtasks.accounts.users`` and ``rbtasks.organisation.services`` can use it
without an import cycle (accounts.models imports organisation.models).
"""
import re
import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from rbtasks.errors import NotFound, PermissionDenied, ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id
from rbtasks.inputs.phone import InvalidPhone, normalise_phone
from rbtasks.roles import require_admin

NAME_MAX_LENGTH = 200

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# What a person's name must not hold, by Unicode category: control characters
# (Cc: C0, DEL and C1, NEL U+0085 among them), the line and paragraph
# separators (Zl U+2028, Zp U+2029), which Python's str.splitlines() and the
# email package treat as line ends, invisible format characters (Cf: zero-width
# spaces, right-to-left overrides that make a name read as another) and lone
# surrogates (Cs). Names go into email headers and onto every page.
_NOT_IN_A_NAME = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_PHONE = re.compile(r"^\+?[0-9 ().-]+$")


# ---- who is acting ---------------------------------------------------------

class _SystemActor:
    """The operator at the command line: trusted, but nobody's account."""

    active = True
    role = None

    def __repr__(self):
        return "<SYSTEM>"


SYSTEM = _SystemActor()


def require_writer(actor):
    """Reference data and accounts are changed by admins (or the operator)."""
    if actor is not SYSTEM:
        require_admin(actor)


def require_reader(actor):
    """Any signed-in, active user may read reference data and the user list."""
    if actor is SYSTEM:
        return
    if actor is None or not getattr(actor, "active", False):
        raise PermissionDenied(_("You are not allowed to do that."))


# ---- checking input ----------------------------------------------------------

class FieldErrors:
    """Collects one message per field, then raises them all together."""

    def __init__(self):
        self.fields = {}

    def add(self, field, message):
        self.fields.setdefault(field, message)

    def raise_if_any(self):
        if self.fields:
            raise ValidationError(_("Some fields are not valid."), self.fields)


def clean_text(errors, field, value, max_length, required=True):
    """Stripped single-line text; None when blank and optional."""
    return _checked_text(errors, field, value, max_length, required, _CONTROL_CHARACTERS)


def clean_long_text(errors, field, value, max_length, required=True):
    """Text of several lines (a discussion, a decision): line breaks and
    tabs kept (Windows line ends made plain), any other control character
    refused; None when blank and optional."""
    if isinstance(value, str):
        value = value.replace("\r\n", "\n")
    return _checked_text(errors, field, value, max_length, required, _CONTROL_BUT_LINES)


# rbtasks.inputs.text's refusals (tab, line feed, carriage return allowed), and DEL.
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _checked_text(errors, field, value, max_length, required, refused):
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(field, _("Must be text."))
        return None
    value = value.strip()
    if not value:
        if required:
            errors.add(field, _("This field is required."))
        return None
    if len(value) > max_length:
        errors.add(field, _("At most %(count)d characters.", count=max_length))
        return None
    if refused.search(value):
        errors.add(field, _("Must not contain control characters."))
        return None
    return value


def clean_name(errors, field, value, required=True):
    """A person's name (a user's, an agency head's): single-line text of at
    most NAME_MAX_LENGTH characters without invisible characters. Titles and
    their commas are welcome ("Oktavianus Pello, S.H., M.H.")."""
    if isinstance(value, str) and any(unicodedata.category(char) in _NOT_IN_A_NAME
                                      for char in value):
        errors.add(field, _("A name must not contain control characters, line or paragraph "
                            "separators or invisible formatting characters."))
        return None
    return clean_text(errors, field, value, NAME_MAX_LENGTH, required)


def clean_email(errors, field, value, required=True):
    """A syntactically valid address, lower-cased; None when blank and optional."""
    text = clean_text(errors, field, value, 254, required)
    if text is None:
        return None
    try:
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        errors.add(field, _("Enter a valid email address."))
        return None
    return checked.normalized.lower()  # as accounts.services.normalise_email


def clean_phone(errors, field, value):
    text = clean_text(errors, field, value, 40, required=False)
    if text is not None and (not _PHONE.match(text) or sum(c.isdigit() for c in text) < 6):
        errors.add(field, _("Enter a phone number such as +62 812 3456 7890."))
        return None
    return text


def clean_mobile_phone(errors, field, value):
    """A person's mobile number, normalised to ``62812…`` (rbtasks.inputs.phone);
    None when blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return normalise_phone(value)
    except InvalidPhone as error:
        errors.add(field, str(error))
        return None


def whatsapp_needs_phone(errors, field, opted_in, phone):
    """Opting in to WhatsApp needs a valid mobile number to send to."""
    if opted_in and not phone:
        errors.add(field, _("WhatsApp notices need a mobile number: enter one first."))


def clean_choice(errors, field, value, choices):
    if value not in choices:
        errors.add(field, _("Choose one of: %(choices)s.", choices=", ".join(choices)))
        return None
    return value


def clean_bool(errors, field, value):
    if not isinstance(value, bool):
        errors.add(field, _("Must be true or false."))
        return None
    return value


def clean_search(q):
    """The text of a search box; a 422 on ``q`` when it is absurdly long."""
    text = (q or "").strip()
    if len(text) > 200:
        raise ValidationError(_("Some fields are not valid."),
                              {"q": _("At most %(count)d characters.", count=200)})
    return text.lower() or None


def reference(errors, field, model, value, message):
    """The row ``value`` points at; None (and an error) when there is none."""
    if value is None:
        return None
    row = db.session.get(model, value) if is_id(value) else None
    if row is None:
        errors.add(field, message)
    return row


def get_or_404(model, row_id, message):
    row = db.session.get(model, row_id) if is_id(row_id) else None
    if row is None:
        raise NotFound(message)
    return row


def check_known(values, allowed):
    unknown = set(values) - set(allowed)
    if unknown:  # a programming error, not bad input: schemas forbid extra fields
        raise TypeError(f"unknown fields: {sorted(unknown)}")

