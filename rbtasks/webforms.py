"""The base of every form, and the fields for numbers as people write them.

WTForms writes its built-in messages ("Not a valid integer value.", "Number
must be between 0 and 100.") through the form's translations, and Flask-WTF's
default looks them up in WTForms' bundled catalogues, which have no Indonesian.
Forms built on ``BaseForm`` (and subforms on ``BaseSubform``) look them up in
rbtasks' own catalogue instead, in the reader's language, so an Indonesian
page never shows an English message. The messages are listed below so that
``make translations`` keeps them in the catalogue.

``RupiahField`` and ``AmountField`` read money and quantities with
rbtasks/numbers.py, the reader the API schemas use too.
"""
from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf import FlaskForm
from wtforms import DateField, Form, StringField
from wtforms.widgets import TextInput

from rbtasks.i18n import numeric_date
from rbtasks.numbers import NumberFormatError, format_amount, format_number, parse_amount, \
    parse_rupiah
from rbtasks.timeutil import parse_date_text

# WTForms 3's built-in messages (wtforms/locale/wtforms.pot), listed for extraction only.
WTFORMS_MESSAGES = (
    _l("Invalid field name '%s'."),
    _l("Field must be equal to %(other_name)s."),
    lazy_ngettext("Field must be at least %(min)d character long.",
                  "Field must be at least %(min)d characters long.", 1),
    lazy_ngettext("Field cannot be longer than %(max)d character.",
                  "Field cannot be longer than %(max)d characters.", 1),
    lazy_ngettext("Field must be exactly %(max)d character long.",
                  "Field must be exactly %(max)d characters long.", 1),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Date must be at least %(min)s."),
    _l("Date must be at most %(max)s."),
    _l("Date must be between %(min)s and %(max)s."),
    _l("This field is required."),
    _l("Invalid input."),
    _l("Invalid email address."),
    _l("Invalid IP address."),
    _l("Invalid Mac address."),
    _l("Invalid URL."),
    _l("Invalid UUID."),
    _l("Invalid value, must be one of: %(values)s."),
    _l("Invalid value, can't be any of: %(values)s."),
    _l("This field cannot be edited."),
    _l("This field is disabled and cannot have a value."),
    _l("Invalid CSRF Token."),
    _l("CSRF token missing."),
    _l("CSRF failed."),
    _l("CSRF token expired."),
    _l("Invalid Choice: could not coerce."),
    _l("Choices cannot be None."),
    _l("Not a valid choice."),
    _l("Invalid choice(s): one or more data inputs could not be coerced."),
    lazy_ngettext("'%(value)s' is not a valid choice for this field.",
                  "'%(value)s' are not valid choices for this field.", 1),
    _l("Not a valid datetime value."),
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Not a valid week value."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
)


class CatalogueTranslations:
    """What WTForms asks of a translations object, answered by Flask-Babel's
    catalogue for the current request's language (English text outside one)."""

    def gettext(self, string):
        return get_translations().ugettext(string)

    def ngettext(self, singular, plural, n):
        return get_translations().ungettext(singular, plural, n)


_TRANSLATIONS = CatalogueTranslations()


class CatalogueMeta:
    """Form options shared by ``BaseForm`` and ``BaseSubform``."""

    def get_translations(self, form):
        return _TRANSLATIONS


class BaseForm(FlaskForm):
    """Every page form of rbtasks: CSRF-protected, messages in the reader's language."""

    Meta = CatalogueMeta


class ConfirmForm(BaseForm):
    """Only carries the CSRF token: a button that deletes or confirms."""


class BaseSubform(Form):
    """A form nested in another (a FormField's rows): messages in the reader's language."""

    Meta = CatalogueMeta


class _TypedNumberField(StringField):
    """A number typed as text, read by ``parse``; shown back with ``show``."""

    parse = show = None

    def __init__(self, label=None, validators=None, **kwargs):
        render_kw = {"inputmode": "decimal", "autocomplete": "off", **kwargs.pop("render_kw", {})}
        super().__init__(label, validators, render_kw=render_kw, **kwargs)

    def process_formdata(self, valuelist):
        text = valuelist[0] if valuelist else ""
        self.data = None
        if text.strip():
            try:
                self.data = type(self).parse(text)
            except NumberFormatError as error:
                raise ValueError(error.message) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else type(self).show(self.data)


class RupiahField(_TypedNumberField):
    """Whole rupiah: "Rp 15.000.000", "15.000.000,00" → 15000000 (an int)."""

    parse = staticmethod(parse_rupiah)
    show = staticmethod(format_number)


class AmountField(_TypedNumberField):
    """A decimal amount: "12,5" or "12.5" → Decimal("12.5"); an ambiguous "1.000" is refused."""

    parse = staticmethod(parse_amount)
    show = staticmethod(format_amount)


# ---- dates -------------------------------------------------------------------
# A date typed the way people in Indonesia write it: day/month/year (31/12/2026).
#
# A browser's own date input shows the order of the browser's language, not
# the page's — an Indonesian page in an English browser asks for mm/dd/yyyy —
# so date fields are plain text boxes that say which order they expect
# (hh/bb/tttt in Indonesian). ``2026-12-31`` is accepted too, for links and
# for anyone who types the ISO form.

DATE_PLACEHOLDER = _l("dd/mm/yyyy")
DATE_HINT = _l("Day/month/year, e.g. 31/12/2026.")


class DayMonthYearField(DateField):
    """A date field that reads and shows day/month/year and says so."""

    widget = TextInput()

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("description", DATE_HINT)
        # No inputmode="numeric": a phone's number pad has no slash.
        render_kw = {"placeholder": DATE_PLACEHOLDER, "autocomplete": "off",
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
