"""Numbers written the way the reader's language writes them (60,37 in Indonesian)."""
from flask_babel import format_date, format_decimal


def number(value, places=2):
    """A decimal with ``places`` digits after the separator; "—" for no value."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern)


def week_label(day):
    """The Monday of a week as "30 Nov"."""
    return format_date(day, "d MMM")
