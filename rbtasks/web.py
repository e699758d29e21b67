"""What every HTML page edge shares: the admin guard, saving a form through
a service, putting a service's ``ValidationError`` onto a form, the page
number of a list, and the form base class whose values are a service's
keyword arguments.

Field names equal the services' field names, so a ValidationError from a
service lands under the field it is about.
"""
from functools import wraps

from flask import flash, request
from flask_login import current_user, login_required

from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.roles import ADMIN, require_role
from rbtasks.webforms import BaseForm

NO_CHOICE = ("", "—")
MAX_PAGE = 100_000


def admin_page(view):
    """Signed in, and allowed to change reference data (an admin); else 403."""

    @wraps(view)
    @login_required
    def guarded(*args, **kwargs):
        require_role(current_user, ADMIN)
        return view(*args, **kwargs)

    return guarded


def save_form(form, save):
    """On a valid submission call ``save()`` and commit; True when it was saved.

    A service's ValidationError is shown under the fields it names (anything
    else as a flash) and the session is rolled back, so nothing changes.
    """
    if not form.validate_on_submit():
        return False
    try:
        save()
    except ValidationError as error:
        db.session.rollback()
        show_errors(form, error)
        return False
    db.session.commit()
    return True


def show_errors(form, error, summary=True):
    """Show a service's ValidationError on ``form``.

    Each message goes under the field it names ("title", or
    "quarters.0.target" inside a list of sub-forms); a message for a field the
    form does not show is flashed, after the error's own message (left out
    with ``summary=False``).
    """
    unplaced = place_errors(form, error)
    shown = [error.message] if summary else []
    if shown or unplaced:
        flash(" ".join(str(text) for text in [*shown, *unplaced]), "error")


def place_errors(form, error):
    """Put each of a ValidationError's messages under the field of ``form`` it names;
    return the messages for fields the form does not show."""
    unplaced = []
    for name, message in error.fields.items():
        field = _field_named(form, name) if form is not None else None
        if field is None:
            unplaced.append(message)
        else:
            field.errors = [*field.errors, message]
    return unplaced


def _field_named(form, dotted_name):
    target = form
    for part in dotted_name.split("."):
        fields = getattr(target, "_fields", None)
        if fields is not None:
            target = fields.get(part)
        elif part.isdigit() and hasattr(target, "entries"):
            index = int(part)
            target = target.entries[index] if index < len(target.entries) else None
            target = getattr(target, "form", target)
        else:
            return None
        if target is None:
            return None
    if getattr(target, "name", None) in ("csrf_token", "version") or target is form:
        return None
    return target if hasattr(target, "errors") else None


def requested_page():
    """The ``page`` query argument of a list page (1 when absent or nonsense)."""
    page = request.args.get("page", 1, type=int)
    return page if 1 <= page <= MAX_PAGE else 1


def optional_int(value):
    """Coerces a select's value: the empty choice is None."""
    if value in (None, "", "None"):
        return None
    return int(value)


class ServiceForm(BaseForm):
    """A form whose ``values()`` are the keyword arguments of a service."""

    service_fields = ()

    def values(self):
        return {name: self[name].data for name in self.service_fields}
