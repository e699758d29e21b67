"""Forms for action items. Choices are filled in by the view."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from rbtasks.items.constants import PRIORITY_LABELS
from rbtasks.items.fields import MAX_BUDGET, TEXT_LIMITS
from rbtasks.webforms import BaseForm, DayMonthYearField, RupiahField


def _optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class ItemForm(BaseForm):
    title = StringField(_l("Action (rencana aksi)"),
                        validators=[DataRequired(), Length(max=TEXT_LIMITS["title"])])
    description = TextAreaField(_l("Description"),
                                validators=[Optional(), Length(max=TEXT_LIMITS["description"])])
    output = StringField(_l("Output (keluaran)"),
                         validators=[Optional(), Length(max=TEXT_LIMITS["output"])])
    indicator = StringField(_l("Indicator"),
                            validators=[Optional(), Length(max=TEXT_LIMITS["indicator"])])
    target = StringField(_l("Target"), validators=[Optional(), Length(max=TEXT_LIMITS["target"])])
    unit = StringField(_l("Unit"), validators=[Optional(), Length(max=TEXT_LIMITS["unit"])])
    pokja_id = SelectField(_l("Pokja"), coerce=_optional_int, validators=[InputRequired()])
    agency_id = SelectField(_l("Agency"), coerce=_optional_int, validators=[InputRequired()])
    owner_id = SelectField(_l("Owner (penanggung jawab)"), coerce=_optional_int,
                           validators=[Optional()])
    start_date = DayMonthYearField(_l("Start date"), validators=[Optional()])
    due_date = DayMonthYearField(_l("Due date"), validators=[DataRequired()])
    progress = IntegerField(_l("Progress (%)"), default=0,
                            validators=[InputRequired(), NumberRange(min=0, max=100)])
    priority = SelectField(_l("Priority"), choices=list(PRIORITY_LABELS.items()), default="normal")
    budget = RupiahField(_l("Budget (Rp)"),
                         validators=[Optional(), NumberRange(min=0, max=MAX_BUDGET)])
    version = HiddenField()

    def values(self, names):
        return {name: getattr(self, name).data for name in names}


class CommentForm(BaseForm):
    body = TextAreaField(_l("Comment"), validators=[DataRequired(), Length(max=5000)])


class DeleteForm(BaseForm):
    """Only carries the CSRF token."""
