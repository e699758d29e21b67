"""A date typed the way people in Indonesia write it: day/month/year (31/12/2026).

A browser's own date input shows the order of the browser's language, not
the page's — an Indonesian page in an English browser asks for mm/dd/yyyy —
so date fields are plain text boxes that say which order they expect
(hh/bb/tttt in Indonesian). ``2026-12-31`` is accepted too, for links and
for anyone who types the ISO form.
"""
from flask_babel import lazy_gettext as _l
from wtforms import DateField
from wtforms.widgets import TextInput

from rbtasks.i18n import numeric_date
from rbtasks.timeutil import parse_date_text

PLACEHOLDER = _l("dd/mm/yyyy")
HINT = _l("Day/month/year, e.g. 31/12/2026.")


class DayMonthYearField(DateField):
    """A date field that reads and shows day/month/year and says so."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("description", HINT)
        # No inputmode="numeric": a phone's number pad has no slash.
        render_kw = {"placeholder": PLACEHOLDER, "autocomplete": "off",
                     **kwargs.pop("render_kw", {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def _value(self):
        if self.raw_data:
            return " ".join(self.raw_data)
        return numeric_date(self.data)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = " ".join(valuelist).strip()
        if not text:
            self.data = None
            return
        self.data = parse_date_text(text)
        if self.data is None:
            raise ValueError(_l("Write the date as day/month/year, e.g. 31/12/2026."))
