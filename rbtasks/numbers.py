"""Numbers as people in Indonesia write them, read and written in one place.

Money is written "Rp 15.000.000", "15.000.000,00" or "Rp 15.000.000,-" (a dot
between thousands, a comma before decimals); a realisation "12,5". English
writing ("15,000,000", "12.5") is read too when it cannot be mistaken. Every
edge that takes a number from a person — the page forms (rbtasks/webforms.py)
and the API schemas (rbtasks/api/types.py) — reads it here, so "15.000.000"
means fifteen million everywhere.

One separator followed by exactly three digits ("1.000", "2,500") is the only
case the text alone cannot settle. For rupiah it is a thousands separator,
because rupiah never have three decimals; for other amounts it is refused with
a message naming both readings, rather than silently picking one.
"""
import re
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_RUPIAH_PREFIX = re.compile(r"^rp\.?", re.IGNORECASE)
_NO_CENTS_SUFFIX = re.compile(r"[,.]-$")  # "Rp 15.000,-": no cents
_DIGITS_AND_SEPARATORS = re.compile(r"[0-9.,]*[0-9][0-9.,]*")


class NumberFormatError(ValueError):
    """Text that is not a number, or not one that can be read only one way.
    ``message`` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def parse_rupiah(text):
    """A whole amount of rupiah from text such as "Rp 15.000.000" or "15.000.000,00"."""
    cleaned = _RUPIAH_PREFIX.sub("", _SPACES.sub("", str(text)))
    cleaned = _NO_CENTS_SUFFIX.sub("", cleaned)
    value = _read(text, cleaned, three_digits_after_one_separator="thousands")
    if value != value.to_integral_value():
        raise NumberFormatError(_("Write whole rupiah, without cents."))
    return int(value)


def parse_amount(text):
    """A quantity (a target, a realisation) from text such as "12,5" or "1000".

    Only reads: how many decimals and which range are allowed is the service's rule.
    """
    return _read(text, _SPACES.sub("", str(text)), three_digits_after_one_separator="ambiguous")


def _read(original, text, three_digits_after_one_separator):
    sign = ""
    if text[:1] in ("-", "+"):
        sign, text = text[0], text[1:]
    if not _DIGITS_AND_SEPARATORS.fullmatch(text):
        raise _not_a_number(original)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal_mark = "." if text.rfind(".") > text.rfind(",") else ","
        group_mark = "," if decimal_mark == "." else "."
        whole, _mark, fraction = text.partition(decimal_mark)
        if decimal_mark in fraction:
            raise _not_a_number(original)
        whole = _ungrouped(whole, group_mark, original)
    elif dots + commas > 1:
        whole, fraction = _ungrouped(text, "." if dots else ",", original), ""
    elif dots + commas == 1:
        whole, _mark, fraction = text.partition("." if dots else ",")
        if len(fraction) == 3 and 0 < len(whole) <= 3 and whole != "0":
            if three_digits_after_one_separator == "thousands":
                whole, fraction = whole + fraction, ""
            else:
                raise _ambiguous(original, whole, fraction)
    else:
        whole, fraction = text, ""
    if not fraction and text[-1:] in (".", ","):
        raise _not_a_number(original)
    # normalize() drops trailing zeros ("12,50" has one significant decimal); adding 0
    # turns 1.5E+7 back into 15000000.
    return Decimal(f"{sign}{whole or '0'}.{fraction or '0'}").normalize() + 0


def _ungrouped(text, group_mark, original):
    """ "15.000.000" → "15000000"; groups must be of three digits."""
    if not re.fullmatch(rf"[0-9]{{1,3}}(\{group_mark}[0-9]{{3}})*", text):
        raise _not_a_number(original)
    return text.replace(group_mark, "")


def _not_a_number(original):
    return NumberFormatError(_("“%(text)s” is not a number.", text=str(original).strip()))


def _ambiguous(original, whole, fraction):
    return NumberFormatError(_(
        "“%(text)s” could mean %(thousands)s or %(decimal)s; write it without a thousands "
        "separator.", text=str(original).strip(), thousands=whole + fraction,
        decimal=format_decimal(Decimal(f"{whole}.{fraction}"), format="0.###")))


def format_rupiah(value):
    """Rp 15.000.000 (Indonesian) or Rp 15,000,000 (English), or "" for None."""
    return "" if value is None else f"Rp {format_decimal(value, format='#,##0')}"


def format_amount(value):
    """12,5 (Indonesian) or 12.5 (English): no thousands separator, so it reads back alike."""
    return "" if value is None else format_decimal(value, format="0.##")


def format_number(value):
    """15.000.000 or 12,5 in the reader's locale, for display only."""
    return "" if value is None else format_decimal(value, format="#,##0.##")
