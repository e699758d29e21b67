"""Stored history values as the reader writes them.

History rows keep raw values ("False", "25", "2026-12-18", "high",
"15000000", "12.50"), written once in no particular language. The
describers (rbtasks/items/history.py and each feature's ``activity.py``)
pass them through :func:`value_text`, so an Indonesian reader sees Ya/Tidak,
25%, 18 Des 2026, Tinggi, Rp 15.000.000 and 12,5, and an English reader the
same facts in English.
"""
from decimal import Decimal, InvalidOperation

from flask_babel import pgettext

from rbtasks.i18n import short_date
from rbtasks.items.constants import PRIORITY_LABELS, STATUS_LABELS
from rbtasks.numbers import format_amount, format_number, format_rupiah
from rbtasks.timeutil import parse_iso_date

EMPTY = "—"
_DATES = ("start_date", "due_date")
_FLAGS = ("progress_from_quarters",)


def value_text(field, raw):
    """One stored value of ``field`` as its reader writes it; unknown shapes as stored."""
    if raw in (None, ""):
        return EMPTY
    if field in _FLAGS or raw in ("True", "False"):
        return pgettext("answer", "Yes") if raw == "True" else pgettext("answer", "No")
    if field == "status":
        return str(STATUS_LABELS.get(raw, raw))
    if field == "priority":
        return str(PRIORITY_LABELS.get(raw, raw))
    if field in _DATES:
        day = parse_iso_date(raw)
        return short_date(day) if day else raw
    number = stored_number(raw)
    if number is None:
        return raw
    if field == "progress":
        return f"{format_number(number)}%"
    if field == "budget":
        return format_rupiah(number)
    return format_number(number)


def amount_text(raw):
    """A stored amount ("12.50") as the reader writes it ("12,5"), or "—"."""
    number = stored_number((raw or "").strip())
    return EMPTY if number is None else format_amount(number)


def stored_number(raw):
    """The Decimal in a stored value, or None when it holds none."""
    try:
        number = Decimal(raw)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None
