"""Forms of the user admin pages. Field names equal the service's."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from rbtasks.roles import ROLE_LABELS, ROLES
from rbtasks.accounts.users import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from rbtasks.i18n import LANGUAGE_CHOICES
from rbtasks.web import NO_CHOICE, ServiceForm, optional_int

# Each language is named in itself, so everyone can find their own.


class UserForm(ServiceForm):
    service_fields = ("name", "email", "role", "agency_id", "phone", "whatsapp_opt_in", "locale",
                      "active", "is_evaluator", "password")

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[(role, ROLE_LABELS[role]) for role in ROLES])
    agency_id = SelectField(_l("Agency"), coerce=optional_int)
    phone = StringField(_l("Mobile number (optional)"), validators=[Length(max=40)],
                        description=_l("Indonesian mobile number, e.g. 0812 3456 7890; "
                                       "saved as 62812…"))
    whatsapp_opt_in = BooleanField(_l("Send reminders by WhatsApp too"),
                                   description=_l("Needs a mobile number."))
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES, default="id")
    active = BooleanField(_l("Active"), default=True,
                          description=_l("An inactive user cannot sign in; their tasks and "
                                         "history stay."))
    is_evaluator = BooleanField(_l("Evaluator (Inspektorat)"),
                                description=_l("May review PMPRB self-assessments and give the "
                                               "evaluator's answers."))

    def set_choices(self, agencies):
        self.agency_id.choices = [NO_CHOICE] + [
            (agency.id, f"{agency.name} ({agency.code})") for agency in agencies
        ]


class NewUserForm(UserForm):
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired(), Length(min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH)],
        description=_l("At least %(count)d characters. Tell it to the user in person.",
                       count=PASSWORD_MIN_LENGTH),
    )


class EditUserForm(UserForm):
    password = PasswordField(
        _l("New password"),
        validators=[Optional(), Length(min=PASSWORD_MIN_LENGTH, max=PASSWORD_MAX_LENGTH)],
        description=_l("Leave empty to keep the current password."),
    )
