"""Ids and whole numbers from outside: never one the database cannot store.

PostgreSQL and MariaDB keep ids in a signed 32-bit INTEGER and SQLite in
64 bits; a larger number in a query makes the driver or the server fail
(a 500). Every id the app reads — a path segment, a query argument, a JSON
field — is bounded by :data:`MAX_ID`, so an id nobody can have is simply
"not found" (404) or "not valid" (422), the same on every database.
"""
import re
from typing import Annotated

from flask_babel import gettext as _
from pydantic import Field
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

MAX_ID = 2_147_483_647  # the largest INTEGER every database accepts

_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_MOST_DIGITS = 18  # any longer is out of every range here, and never converted

#: An id in a JSON body: a JSON integer from 1 to MAX_ID ("3" and 3.0 are refused).
Id = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]


def is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def whole_number(raw, minimum=1, maximum=MAX_ID):
    """The whole number ``raw`` spells (ASCII digits, an optional sign), within
    the bounds; otherwise a ValueError whose text says what is wrong.

    Usable as ``request.args.get(name, type=whole_number)``, which then
    answers the default for anything that is not a valid id.
    """
    text = (raw or "").strip()
    if not _WHOLE_NUMBER.fullmatch(text):
        raise ValueError(_("Must be a whole number."))
    if len(text.lstrip("+-")) > _MOST_DIGITS or not minimum <= int(text) <= maximum:
        raise ValueError(_("Out of range."))
    return int(text)


def number_argument(raw, name, errors, minimum=1, maximum=MAX_ID):
    """A query argument read with :func:`whole_number`: None when blank; when
    invalid, None and the message in ``errors[name]`` (filters report all)."""
    if not (raw or "").strip():
        return None
    try:
        return whole_number(raw, minimum, maximum)
    except ValueError as error:
        errors[name] = str(error)
        return None


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: a number beyond MAX_ID is a 404.

    It raises NotFound itself rather than the converter's usual
    ValidationError: werkzeug turns a refused segment into a 405 when the
    path has routes for other methods (PATCH /items/2147483648 would answer
    "GET only"), which would be wrong.
    """

    regex = r"[0-9]+"  # not \d, which also matches other scripts' digits

    def to_python(self, value):
        if len(value) > len(str(MAX_ID)) or int(value) > MAX_ID:
            raise NotFound()
        return super().to_python(value)
