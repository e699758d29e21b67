"""Forms for signing in and managing one's account."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from rbtasks.accounts.services import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from rbtasks.i18n import LANGUAGE_CHOICES
from rbtasks.webforms import BaseForm



def _new_password_validators():
    return [
        DataRequired(),
        Length(min=MIN_PASSWORD_LENGTH, max=MAX_PASSWORD_LENGTH,
               message=_l("Between %(min)d and %(max)d characters.")),
    ]


def _confirmation_validators(other):
    return [DataRequired(), EqualTo(other, message=_l("The two passwords do not match."))]


def _strip(value):
    # Addresses pasted from an email or WhatsApp often carry spaces.
    return value.strip() if isinstance(value, str) else value


class LoginForm(BaseForm):
    email = EmailField(_l("Email"), filters=[_strip],
                       validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me signed in"))


class ForgotPasswordForm(BaseForm):
    email = EmailField(_l("Email"), filters=[_strip],
                       validators=[DataRequired(), Email(), Length(max=254)])


class ResetPasswordForm(BaseForm):
    password = PasswordField(_l("New password"), validators=_new_password_validators())
    confirm = PasswordField(_l("New password again"),
                            validators=_confirmation_validators("password"))


class ChangePasswordForm(BaseForm):
    current_password = PasswordField(_l("Current password"),
                                     validators=[DataRequired(), Length(max=200)])
    new_password = PasswordField(_l("New password"), validators=_new_password_validators())
    confirm = PasswordField(_l("New password again"),
                            validators=_confirmation_validators("new_password"))


class ProfileForm(BaseForm):
    locale = SelectField(_l("Language"), choices=LANGUAGE_CHOICES)
    phone = StringField(_l("Mobile number (WhatsApp)"), validators=[Optional(), Length(max=40)])
    whatsapp_opt_in = BooleanField(_l("Also send my reminders by WhatsApp"))
    wants_digest = BooleanField(_l("Send me the weekly summary of my pokja"))


class ApiTokenForm(BaseForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)])
