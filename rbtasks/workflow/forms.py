"""The one form every transition button posts."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length, Optional


class TransitionForm(FlaskForm):
    action = HiddenField()
    version = HiddenField()
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=5000)])
    note = TextAreaField(_l("Realisation note"), validators=[Optional(), Length(max=5000)])
