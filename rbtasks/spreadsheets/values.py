"""Cell values as rencana aksi sheets write them, read into Python values.

A cell arrives as the reader gives it (rbtasks/spreadsheets/table.py): text,
a number, a date or a datetime. Each parser takes one cell and returns the
value the import stores, or raises :class:`CellError` with a message for the
user, in their language; the import adds the row and the column.

- Dates: Excel dates, "31 Desember 2026", "31 Des 2026", "31/12/2026",
  "31-12-2026", "2026-12-31"; a month alone ("Desember 2026") is its last
  day, a quarter ("TW III", "Triwulan III", "TW 3") the last day of that
  quarter of the plan's ``year``. Month names in Indonesian and English,
  full or short ("Agu" and "Agt" both).
- Money through rbtasks.numbers.parse_rupiah ("Rp 15.000.000", "15.000.000,00").
- Amounts (quarterly target and realisation) through parse_amount ("12,5").
- Progress: "12,5%", "12,5" or a number, a whole percentage 0–100 rounded
  half up (12,5 → 13: the convention of Indonesian school and budget
  reports). A number from a cell strictly between 0 and 1 is a fraction, as
  Excel stores a cell formatted as a percentage (0.125 shows as 12,5%).
"""
import calendar
import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from flask_babel import gettext as _

from rbtasks.numbers import NumberFormatError, parse_amount, parse_rupiah
from rbtasks.spreadsheets.writing import unneutralise


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; ``message`` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


MONTHS = {
    **{name: number for number, name in enumerate(
        ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
         "september", "oktober", "november", "desember"), start=1)},
    **{name: number for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"), start=1)},
    **{name: number for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"),
        start=1)},
    "agt": 8, "ags": 8, "may": 5, "aug": 8, "oct": 10, "dec": 12, "sept": 9, "nop": 11,
    "pebruari": 2, "nopember": 11,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_NUMERIC_DATE = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s-]+(\d{4})$")
_QUARTER = re.compile(r"^(?:tw|triwulan|trw|q|quarter|kuartal)\s*[-.]?\s*(i{1,3}|iv|[1-4])"
                      r"(?:[\s/-]+(\d{4}))?$")


def parse_date(value, year):
    """A deadline from a cell; ``year`` is the plan's year, for quarters."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        raise CellError(_("“%(text)s” is not a date; write it as 31/12/2026 or "
                          "31 Desember 2026.", text=_number_text(value)))
    text = re.sub(r"\s+", " ", str(value)).strip().casefold()
    try:
        return _date_from_text(text, year)
    except ValueError:
        pass
    raise CellError(_("“%(text)s” is not a date; write it as 31/12/2026, 31 Desember 2026, "
                      "Desember 2026 or TW III.", text=str(value).strip()))


def _date_from_text(text, year):
    match = _NUMERIC_DATE.match(text)
    if match:
        day, _separator, month, year_text = match.groups()
        return date(int(year_text), int(month), int(day))
    match = _ISO_DATE.match(text)
    if match:
        return date(*(int(part) for part in match.groups()))
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year_text = match.groups()
        return date(int(year_text), _month(month), int(day))
    match = _MONTH_YEAR.match(text)
    if match:
        month, year_text = match.groups()
        return _month_end(int(year_text), _month(month))
    match = _QUARTER.match(text)
    if match:
        numeral, year_text = match.groups()
        quarter = _ROMAN.get(numeral) or int(numeral)
        return _month_end(int(year_text) if year_text else year, quarter * 3)
    raise ValueError(text)


def _month(name):
    if name not in MONTHS:
        raise ValueError(name)
    return MONTHS[name]


def _month_end(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_money(value):
    """Whole rupiah from "Rp 15.000.000", "15.000.000,00" or a number."""
    if isinstance(value, bool):
        raise CellError(_("“%(text)s” is not a number.", text=value))
    if isinstance(value, (int, Decimal)) or isinstance(value, float):
        number = _exact(value)
        if number != number.to_integral_value():
            raise CellError(_("Write whole rupiah, without cents."))
        return int(number)
    try:
        return parse_rupiah(str(value).strip())
    except NumberFormatError as error:
        raise CellError(error.message) from None


def parse_decimal(value):
    """A quantity (a quarter's target or realisation) from "12,5", "1000" or a number."""
    if isinstance(value, bool):
        raise CellError(_("“%(text)s” is not a number.", text=value))
    if isinstance(value, (int, float, Decimal)):
        return _exact(value)
    try:
        return parse_amount(str(value).strip())
    except NumberFormatError as error:
        raise CellError(error.message) from None


def parse_progress(value):
    """A whole percentage 0–100 from "12,5%", "12,5", 12.5 or Excel's 0.125."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        number = _exact(value)
        if 0 < number < 1 and isinstance(value, float):
            number *= 100
    else:
        text = str(value).strip()
        if text.endswith("%"):
            text = text[:-1].strip()
        number = parse_decimal(text)
    if not 0 <= number <= 100:
        raise CellError(_("Progress is a percentage from 0 to 100."))
    return int(number.quantize(Decimal(1), ROUND_HALF_UP))


def parse_text(value):
    """Text as the sheet shows it: whole numbers without ".0", dates as 31/12/2026,
    and text an export neutralised ("'=HYPERLINK(…)", "'+62 812…") as it was."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return _number_text(value)
    return unneutralise(str(value))


def _exact(number):
    """A float as the decimal it shows (0.1 → 0.1, not 0.1000000000000000055…)."""
    try:
        result = Decimal(repr(number)) if isinstance(number, float) else Decimal(number)
    except InvalidOperation:
        raise CellError(_("“%(text)s” is not a number.", text=number)) from None
    if not result.is_finite():
        raise CellError(_("“%(text)s” is not a number.", text=number))
    return result


def _number_text(number):
    exact = _exact(number)
    if exact == exact.to_integral_value():
        return str(int(exact))
    return format(exact.normalize(), "f")


def is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())
