"""The form for an item's four quarters. Ranges and lengths are checked by the service."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, FormField, HiddenField, TextAreaField

from rbtasks.webforms import AmountField, BaseForm, BaseSubform


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
