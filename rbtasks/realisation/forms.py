"""The form for an item's four quarters. Ranges and lengths are checked by the service."""
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, FormField, HiddenField, StringField, \
    TextAreaField

from rbtasks.webforms import BaseForm, BaseSubform


class AmountField(StringField):
    """A decimal amount typed as people write it: "12.5" or "12,5" (no thousands separators)."""

    def process_formdata(self, valuelist):
        self.raw = valuelist[0] if valuelist else ""
        text = self.raw.strip().replace(" ", "")
        if not text:
            self.data = None
            return
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            self.data = Decimal(text)
        except InvalidOperation:
            self.data = None
            raise ValueError(_l("Write a number such as 12.5, without thousands separators."))
        if not self.data.is_finite():
            self.data = None
            raise ValueError(_l("Write a number such as 12.5, without thousands separators."))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:f}"


class QuarterRowForm(BaseSubform):
    target = AmountField(_l("Target"))
    realisation = AmountField(_l("Realisation"))
    obstacles = TextAreaField(_l("Obstacles (kendala)"))
    follow_up = TextAreaField(_l("Follow-up plan (solusi / rencana tindak lanjut)"))


class QuartersForm(BaseForm):
    quarters = FieldList(FormField(QuarterRowForm), min_entries=4, max_entries=4)
    progress_from_quarters = BooleanField(_l("Progress follows the realisation"))
    version = HiddenField()

    def quarter_values(self):
        return [{"quarter": index + 1, **{name: row.form[name].data for name in
                                          ("target", "realisation", "obstacles", "follow_up")}}
                for index, row in enumerate(self.quarters)]
