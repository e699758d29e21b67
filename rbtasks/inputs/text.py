"""Text from outside: no control characters, whatever the field.

PostgreSQL refuses a NUL character in text (the app answered 500), the
other C0 controls are invisible in pages and break emails and exports, and
a lone surrogate (``"\\ud800"`` in JSON) cannot be encoded for any database.
Tab, line feed and carriage return stay allowed: free text has lines.
Fields that must be one line (names) check more in their own services.
"""
import re

from flask_babel import gettext as _

_REFUSED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def has_control_character(text):
    return _REFUSED.search(text) is not None


def control_character_message():
    return _("Must not contain control characters.")
