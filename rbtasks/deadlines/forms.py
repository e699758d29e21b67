"""Forms for asking for a later due date and for deciding. The service checks the rules.

The ids are explicit because these forms share the item page with other
panels' forms, and a label must point at its own input.
"""
from flask_babel import lazy_gettext as _l
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Optional

from rbtasks.webforms import BaseForm, DayMonthYearField


class ExtensionRequestForm(BaseForm):
    new_due_date = DayMonthYearField(_l("New due date"), validators=[Optional()],
                                     id="extension-new_due_date")
    reason = TextAreaField(_l("Reason"), id="extension-reason")


class ExtensionDecisionForm(BaseForm):
    reason = TextAreaField(_l("Reason (required to reject)"), id="decision-reason")
    approve = SubmitField(_l("Approve"), id="decision-approve")
    reject = SubmitField(_l("Reject"), id="decision-reject")
