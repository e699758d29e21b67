"""The values of an instrument file's nodes, each read one way.

Every reader returns the cleaned value or raises :class:`BadValue`, whose
message names the key at fault; the checks add the node's code.
"""
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _

from rbtasks.inputs.text import has_control_character
from rbtasks.numbers import NumberFormatError, parse_amount

DECIMAL_PLACES = 4
CODE_LENGTH = 40


class BadValue(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def text_value(value, key, limit, required=False):
    """Text, stripped; "" when absent (a BadValue when ``required``)."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        raise BadValue(_("%(key)s must be text.", key=key))
    value = (value or "").strip()
    if required and not value:
        raise BadValue(_("%(key)s is missing.", key=key))
    if has_control_character(value):
        raise BadValue(_("%(key)s contains a control character.", key=key))
    if len(value) > limit:
        raise BadValue(_("%(key)s is longer than %(count)d characters.", key=key, count=limit))
    return value


def code_value(value):
    """A node's code: one word of text (a whole number is taken as text)."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise BadValue(_("has no code."))
    if not isinstance(value, str):  # 1.10 in YAML is the float 1.1
        raise BadValue(_("write the code as text in quotes, e.g. \"1.10\"."))
    code = value.strip()
    if has_control_character(code) or any(char.isspace() for char in code):
        raise BadValue(_("the code must be one word without control characters."))
    if len(code) > CODE_LENGTH:
        raise BadValue(_("the code is longer than %(count)d characters.", count=CODE_LENGTH))
    return code


def decimal_value(value, key, limit):
    """A decimal from 12.5, 12 or "12,5", at most ``limit`` either side of 0."""
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        if isinstance(value, float):
            value = str(value)
        number = parse_amount(value) if isinstance(value, str) else Decimal(value)
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, NumberFormatError, ValueError, TypeError):
        raise BadValue(_("%(key)s is not a number.", key=key)) from None
    if abs(number) > limit:
        raise BadValue(_("%(key)s is out of range (at most %(limit)s).", key=key,
                         limit=points(limit)))
    if number != round(number, DECIMAL_PLACES):
        raise BadValue(_("%(key)s has more than %(count)d decimals.", key=key,
                         count=DECIMAL_PLACES))
    return number


def points(number):
    """A weight as people write it in a message: 20, 12,5."""
    return format(Decimal(number).normalize(), "f").replace(".", ",")
