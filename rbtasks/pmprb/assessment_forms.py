"""The forms of the self-assessment pages. The answer inputs are drawn per
indicator by the template and read by the route; these forms carry the
CSRF token and the few fixed fields."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from rbtasks.pmprb.assessments import FIRST_YEAR, LAST_YEAR, MAX_NOTE
from rbtasks.webforms import BaseForm, DayMonthYearField


def optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class AssessmentForm(BaseForm):
    instrument_id = SelectField(_l("Instrument"), coerce=int, validators=[DataRequired()])
    year = IntegerField(_l("Year"), validators=[DataRequired(),
                                                NumberRange(FIRST_YEAR, LAST_YEAR)],
                        render_kw={"inputmode": "numeric"})
    agency_id = SelectField(_l("Scope"), coerce=optional_int, default=None,
                            description=_l("The province, or one agency."))

    def values(self):
        return {"instrument_id": self.instrument_id.data, "year": self.year.data,
                "agency_id": self.agency_id.data}


class TokenForm(BaseForm):
    """Only the CSRF token: answers, submitting, reviewing."""


class ReturnForm(BaseForm):
    note = TextAreaField(_l("What should the unit change?"),
                         validators=[DataRequired(), Length(max=MAX_NOTE)])


class GapItemForm(BaseForm):
    """The one-step "make it an action item" form of a gap."""

    title = StringField(_l("Action"), validators=[DataRequired(), Length(max=300)])
    pokja_id = SelectField(_l("Pokja"), coerce=int, validators=[DataRequired()])
    agency_id = SelectField(_l("Agency"), coerce=int, validators=[DataRequired()])
    owner_id = SelectField(_l("Owner"), coerce=optional_int, validators=[Optional()])
    due_date = DayMonthYearField(_l("Due date"), validators=[DataRequired()])

    def values(self):
        return {"title": self.title.data, "pokja_id": self.pokja_id.data,
                "agency_id": self.agency_id.data, "owner_id": self.owner_id.data,
                "due_date": self.due_date.data}
