"""The one form every transition button posts."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length, Optional

from rbtasks.webforms import BaseForm


class TransitionForm(BaseForm):
    action = HiddenField()
    version = HiddenField()
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=5000)])
    note = TextAreaField(_l("Realisation note"), validators=[Optional(), Length(max=5000)])
