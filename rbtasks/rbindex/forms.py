"""The admin form for one year's RB index record."""
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, IntegerField, StringField
from wtforms.validators import DataRequired, Length, Optional

from rbtasks.rbindex.services import MAX_NOTE
from rbtasks.webforms import BaseForm


class CommaDecimalField(DecimalField):
    """A decimal that may be typed the Indonesian way, with a comma (60,37)."""

    def process_formdata(self, valuelist):
        if not valuelist or not valuelist[0].strip():
            self.data = None
            return
        text = valuelist[0].strip().replace(" ", "").replace(",", ".")
        try:
            self.data = Decimal(text)
        except InvalidOperation:
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value.")) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:.2f}"


def _number_field(label, description):
    return CommaDecimalField(label, validators=[Optional()], description=description,
                             render_kw={"inputmode": "decimal", "type": "text"})


class IndexScoreForm(BaseForm):
    service_fields = ("year", "score", "target", "enablers", "results", "source_note")

    year = IntegerField(_l("Year"), validators=[DataRequired()],
                        render_kw={"inputmode": "numeric"})
    score = _number_field(_l("RB index score"), _l("0–100, as published by KemenPANRB."))
    target = _number_field(_l("Target"), _l("0–100, e.g. the RPJMD target for that year."))
    enablers = _number_field(_l("Enablers (pengungkit)"), _l("0–60; optional."))
    results = _number_field(_l("Results (hasil)"), _l("0–40; optional."))
    source_note = StringField(_l("Source"), validators=[Length(max=MAX_NOTE)],
                              description=_l("e.g. the ministry's letter or report."))

    def values(self):
        return {name: self[name].data for name in self.service_fields}


class DeleteIndexScoreForm(BaseForm):
    """Only the CSRF token: deleting needs a POST from this site."""
