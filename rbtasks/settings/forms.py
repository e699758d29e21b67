"""Forms of the settings page."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length

from rbtasks.webforms import BaseForm, DayMonthYearField
from rbtasks.workdays.services import NAME_MAX_LENGTH


def _number(label):
    return IntegerField(label, validators=[InputRequired()],
                        invalid_value_message=_l("Enter a whole number."))


class PolicyForm(BaseForm):
    lead_times = StringField(_l("Reminders before the due date (days)"),
                             validators=[InputRequired(), Length(max=100)])
    overdue_first = _number(_l("Overdue: first notice (working days overdue)"))
    overdue_every = _number(_l("Overdue: then every (working days)"))
    escalation_1_first = _number(_l("Agency head: first notice (working days overdue)"))
    escalation_1_every = _number(_l("Agency head: then every (working days)"))
    escalation_2_first = _number(_l("Leaders and coordinators: first notice (working days "
                                    "overdue)"))
    escalation_2_every = _number(_l("Leaders and coordinators: then every (working days)"))
    waiting_first = _number(_l("Waiting for verification: first notice (working days)"))
    waiting_every = _number(_l("Waiting for verification: then every (working days)"))
    sweep_time = StringField(_l("Daily sweep time"), validators=[InputRequired(), Length(max=5)])
    max_attempts = _number(_l("Delivery attempts before an email is marked failed"))
    retry_base_seconds = _number(_l("First retry after (seconds, doubled each time)"))

    STAGE_PAIRS = (("overdue_first", "overdue_every"),
                   ("escalation_1_first", "escalation_1_every"),
                   ("escalation_2_first", "escalation_2_every"),
                   ("waiting_first", "waiting_every"))
    NUMBERS = tuple(name for pair in STAGE_PAIRS for name in pair) + (
        "max_attempts", "retry_base_seconds")

    @classmethod
    def for_policy(cls, policy):
        values = policy.as_dict()
        values["lead_times"] = ", ".join(str(days) for days in policy.lead_times)
        return cls(data=values)

    def values(self):
        """The values that parsed, as ``save_policy`` takes them; a field
        with an error of its own is left out."""
        values = {}
        if not self.lead_times.errors:
            text = self.lead_times.data or ""
            values["lead_times"] = [part.strip() for part in text.split(",") if part.strip()]
        if not self.sweep_time.errors:
            values["sweep_time"] = (self.sweep_time.data or "").strip()
        for name in self.NUMBERS:
            field = self[name]
            if not field.errors and field.data is not None:
                values[name] = field.data
        return values


class OverrideForm(BaseForm):
    day = DayMonthYearField(_l("Date"), validators=[InputRequired()])
    working = SelectField(_l("The date becomes"), choices=[
        ("off", _l("A day off (e.g. an extra cuti bersama)")),
        ("worked", _l("A working day (a listed holiday is worked)")),
    ], default="off")
    name = StringField(_l("Name or reason"),
                       validators=[InputRequired(), Length(max=NAME_MAX_LENGTH)])
