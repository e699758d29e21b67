"""The upload form of the import page; the mapping form is built from the sheet's headers."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from rbtasks.imports.services import EARLIEST_YEAR, LATEST_YEAR
from rbtasks.webforms import BaseForm


class UploadForm(BaseForm):
    pokja_id = SelectField(_l("Pokja"), coerce=int, validators=[InputRequired()])
    file = FileField(_l("Sheet (.xlsx or .csv)"),
                     validators=[FileRequired(_l("Choose a file to upload."))])
    sheet = StringField(_l("Sheet name (empty: the first sheet)"),
                        validators=[Optional(), Length(max=100)])
    year = IntegerField(_l("Year of the plan (for deadlines written as TW I–IV)"),
                        validators=[InputRequired(),
                                    NumberRange(EARLIEST_YEAR, LATEST_YEAR)])


class ReviewForm(BaseForm):
    """Only carries the CSRF token; the mapping's selects are read by the view."""


class CancelForm(BaseForm):
    """Only carries the CSRF token."""
