"""Forms of the admin pages for areas, agencies and pokja.

Field names equal the services' field names, so a ValidationError from a
service lands under the field it is about.
"""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, IntegerField, SelectField, SelectMultipleField
from wtforms import StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from rbtasks.roles import COORDINATOR, ROLE_LABELS
from rbtasks.web import NO_CHOICE, ServiceForm, optional_int


class AreaForm(ServiceForm):
    service_fields = ("name", "position", "active")

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    position = IntegerField(_l("Position in lists"),
                            validators=[Optional(), NumberRange(min=0, max=100_000)],
                            description=_l("Leave empty to put the area last."))
    active = BooleanField(_l("Active"), default=True,
                          description=_l("Inactive areas stay on old items but cannot be "
                                         "chosen for new ones."))

    def values(self):
        values = super().values()
        if values["position"] is None:
            del values["position"]  # the service puts a new area last; an edit keeps it
        return values


class AgencyForm(ServiceForm):
    service_fields = ("name", "code", "head_name", "head_email", "head_phone", "parent_id")

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    code = StringField(_l("Short code"), validators=[DataRequired(), Length(max=30)],
                       description=_l("Unique, for example BKD or BIRO-ORG."))
    head_name = StringField(_l("Head's name"), validators=[DataRequired(), Length(max=200)])
    head_email = EmailField(_l("Head's email"), validators=[DataRequired(), Length(max=254)])
    head_phone = StringField(_l("Head's phone (optional)"), validators=[Length(max=40)])
    parent_id = SelectField(_l("Parent agency (optional)"), coerce=optional_int)

    def set_choices(self, agencies, editing=None):
        self.parent_id.choices = [NO_CHOICE] + [
            (agency.id, f"{agency.name} ({agency.code})")
            for agency in agencies if editing is None or agency.id != editing.id
        ]


class PokjaForm(ServiceForm):
    service_fields = ("name", "area_id", "lead_agency_id", "coordinator_ids", "member_ids")

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    area_id = SelectField(_l("Area of change"), coerce=optional_int)
    lead_agency_id = SelectField(_l("Lead agency"), coerce=optional_int)
    # Rendered as lists of checkboxes (templates/organisation/_people.html).
    coordinator_ids = SelectMultipleField(
        _l("Coordinators"), coerce=int,
        description=_l("Users with the pokja coordinator role are listed first."),
    )
    member_ids = SelectMultipleField(_l("Members"), coerce=int)

    def set_choices(self, areas, agencies, users):
        self.area_id.choices = [NO_CHOICE] + [(area.id, area.name) for area in areas]
        self.lead_agency_id.choices = [NO_CHOICE] + [
            (agency.id, f"{agency.name} ({agency.code})") for agency in agencies
        ]
        coordinators = [user for user in users if user.role == COORDINATOR]
        others = [user for user in users if user.role != COORDINATOR]
        self.coordinator_ids.choices = {
            str(ROLE_LABELS[COORDINATOR]): [_user_choice(user) for user in coordinators],
            str(_l("Other users")): [_user_choice(user) for user in others],
        }
        self.member_ids.choices = [_user_choice(user) for user in users]

    def load(self, pokja):
        """Pre-select the pokja's current people (on the first GET)."""
        self.coordinator_ids.data = [user.id for user in pokja.coordinators]
        self.member_ids.data = [user.id for user in pokja.members]


def _user_choice(user):
    """The full name, the role and the agency: two people may share a name."""
    label = f"{user.name} — {ROLE_LABELS[user.role]}"
    return user.id, f"{label}, {user.agency.name}" if user.agency else label
