"""Indonesian mobile numbers, as WhatsApp gateways want them: ``62812…``.

People write the same number as ``0812-3456-7890``, ``+62 812 3456 7890``,
``62 812 3456 7890`` or ``(+62) 0812 3456 7890``. :func:`normalise_phone` is
the one place that reads them all and stores one form (digits, country
code first, no plus), so every sender, page and comparison sees the same
number; what cannot be an Indonesian mobile number is refused.
"""
import re

from flask_babel import gettext as _

# Punctuation people put between digit groups.
_SEPARATORS = re.compile(r"[\s().\-/]+")
# A mobile number after the country code: 8, then the operator's digit (1-9),
# then 7 to 10 more digits (0811-123-456 is 10 digits with the 0,
# 0812-3456-78901 is 13).
_MOBILE = re.compile(r"8[1-9][0-9]{7,10}")
MAX_PHONE_INPUT = 40


class InvalidPhone(ValueError):
    """Not a plausible Indonesian mobile number; ``str()`` is the message."""


def example_phone_message():
    return _("Enter an Indonesian mobile number such as 0812 3456 7890 or +62 812 3456 7890.")


def normalise_phone(text):
    """``text`` as ``62`` + the mobile number (e.g. ``6281234567890``), or
    InvalidPhone with a message for the person who typed it.

    Accepted: a leading ``0`` (``0812…``), ``+62``/``62`` (also ``+62 0812…``,
    a common slip), or the bare ``812…``, with spaces, dashes, dots, slashes
    and brackets anywhere. Landlines (``0380 …``), other countries' codes
    and numbers too short or too long are refused.
    """
    if not isinstance(text, str):
        raise InvalidPhone(example_phone_message())
    compact = _SEPARATORS.sub("", text.strip())
    if len(text) > MAX_PHONE_INPUT or not compact:
        raise InvalidPhone(example_phone_message())
    if compact.startswith("+"):
        if not compact.startswith("+62"):
            raise InvalidPhone(_("Only Indonesian mobile numbers (+62) can receive "
                                 "WhatsApp notices here."))
        national = compact[3:]
    elif compact.startswith("62"):
        national = compact[2:]
    else:
        national = compact
    if national.startswith("0"):
        national = national[1:]
    if not national.isascii() or not _MOBILE.fullmatch(national):
        raise InvalidPhone(example_phone_message())
    return "62" + national
