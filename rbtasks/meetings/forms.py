"""The meeting form and the one-step "add a decision" form.

Both work without JavaScript: the agenda and the decision's items are rows
of sub-forms, a few blank ones always shown, blank rows ignored. Each form
turns its rows into the services' values and knows which of its fields a
service's ``agenda.3.topic`` or ``items.1.due_date`` is about, since blank
rows are left out of what the service sees.
"""
import re
from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, FormField, SelectField, SelectMultipleField, StringField
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from rbtasks.errors import ValidationError as ServiceError
from rbtasks.meetings import decisions, services
from rbtasks.timeutil import province_zone
from rbtasks.web import optional_int
from rbtasks.webforms import BaseForm, BaseSubform, DayMonthYearField

_TIME = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")
BLANK_ROWS = 3


def _time_of_day(form, field):
    if not _TIME.match((field.data or "").strip()):
        raise ValidationError(_l("Write the time as hours.minutes, e.g. 09.00."))


class AgendaRow(BaseSubform):
    topic = StringField(_l("Agenda point"), validators=[Length(max=services.MAX_TOPIC)])
    discussion = TextAreaField(_l("Discussion"),
                               validators=[Length(max=services.MAX_DISCUSSION)])

    def is_blank(self):
        return not (self.topic.data or "").strip() and not (self.discussion.data or "").strip()


class MeetingForm(BaseForm):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=services.MAX_TITLE)])
    held_at = DayMonthYearField(_l("Date"), validators=[DataRequired()])
    held_time = StringField(_l("Time (WITA)"), validators=[DataRequired(), _time_of_day],
                            render_kw={"placeholder": "09.00", "autocomplete": "off"})
    place = StringField(_l("Place"), validators=[Length(max=services.MAX_NAME)])
    chair = StringField(_l("Chaired by"), validators=[Length(max=services.MAX_NAME)])
    note_taker = StringField(_l("Minutes taken by"), validators=[Length(max=services.MAX_NAME)])
    attendee_ids = SelectMultipleField(_l("Attendees with an account"), coerce=int,
                                       validate_choice=False)
    guests = TextAreaField(
        _l("Guests"), description=_l("One per line: name; agency, e.g. "
                                     "“Dr. Maria Bessie, S.Kom., M.T.; Ombudsman NTT”."))
    agenda = FieldList(FormField(AgendaRow), min_entries=BLANK_ROWS)

    def fill_from(self, meeting):
        """Show a recorded meeting (GET of the edit page)."""
        local = meeting.held_at.astimezone(province_zone())
        self.title.data, self.held_at.data = meeting.title, local.date()
        self.held_time.data = local.strftime("%H.%M")
        self.place.data, self.chair.data = meeting.place, meeting.chair
        self.note_taker.data = meeting.note_taker
        self.attendee_ids.data = [a.user_id for a in meeting.attendees if a.user_id]
        self.guests.data = "\n".join(f"{a.name}; {a.agency_name}" if a.agency_name else a.name
                                     for a in meeting.attendees if not a.user_id)
        while len(self.agenda.entries):
            self.agenda.pop_entry()
        for point in meeting.agenda:
            self.agenda.append_entry({"topic": point.topic, "discussion": point.discussion})
        for _blank in range(BLANK_ROWS):
            self.agenda.append_entry()

    def values(self):
        hours, minutes = _TIME.match(self.held_time.data.strip()).groups()
        held_at = datetime.combine(self.held_at.data, datetime.min.time()).replace(
            hour=int(hours), minute=int(minutes), tzinfo=province_zone())
        attendees = [{"user_id": user_id} for user_id in self.attendee_ids.data or []]
        for line in (self.guests.data or "").splitlines():
            if line.strip():
                name, _sep, agency = line.partition(";")
                attendees.append({"name": name.strip(), "agency": agency.strip()})
        self._agenda_rows = [index for index, row in enumerate(self.agenda.entries)
                             if not row.form.is_blank()]
        agenda = [{"topic": self.agenda.entries[index].form.topic.data or "",
                   "discussion": self.agenda.entries[index].form.discussion.data or ""}
                  for index in self._agenda_rows]
        return {"title": self.title.data, "held_at": held_at, "place": self.place.data or "",
                "chair": self.chair.data or "", "note_taker": self.note_taker.data or "",
                "attendees": attendees, "agenda": agenda}

    def form_error(self, error):
        """A service's error with its field names turned into this form's."""
        fields = {}
        for name, message in error.fields.items():
            parts = name.split(".")
            if parts[0] == "attendees":
                fields.setdefault("guests", message)
            elif parts[0] == "agenda" and len(parts) > 1 and parts[1].isdigit():
                row = self._agenda_rows[int(parts[1])]
                fields.setdefault(".".join(["agenda", str(row), *parts[2:]]), message)
            else:
                fields.setdefault(name, message)
        return ServiceError(error.message, fields)


class ItemRow(BaseSubform):
    title = StringField(_l("Action (rencana aksi)"), validators=[Length(max=300)])
    pokja_id = SelectField(_l("Pokja"), coerce=optional_int, validate_choice=False)
    agency_id = SelectField(_l("Agency"), coerce=optional_int, validate_choice=False)
    owner_id = SelectField(_l("Owner"), coerce=optional_int, validate_choice=False)
    due_date = DayMonthYearField(_l("Due date"), validators=[Optional()])
    output = StringField(_l("Output"), validators=[Length(max=500)])

    def is_blank(self):
        return not (self.title.data or "").strip() and self.due_date.data is None \
            and not (self.output.data or "").strip()


class DecisionItemsForm(BaseForm):
    """Rows of follow-up items for a recorded decision."""

    items = FieldList(FormField(ItemRow), min_entries=BLANK_ROWS,
                      max_entries=decisions.MAX_ITEMS)

    def set_choices(self, pokjas, agencies, owners):
        for row in self.items.entries:
            row.form.pokja_id.choices = pokjas
            row.form.agency_id.choices = agencies
            row.form.owner_id.choices = owners

    def item_rows(self):
        self._item_rows = [index for index, row in enumerate(self.items.entries)
                           if not row.form.is_blank()]
        rows = []
        for index in self._item_rows:
            row = self.items.entries[index].form
            values = {"title": row.title.data or "", "pokja_id": row.pokja_id.data,
                      "agency_id": row.agency_id.data, "owner_id": row.owner_id.data,
                      "due_date": row.due_date.data}
            if (row.output.data or "").strip():
                values["output"] = row.output.data
            rows.append(values)
        return rows

    def form_error(self, error):
        fields = {}
        for name, message in error.fields.items():
            parts = name.split(".")
            if parts[0] == "items" and len(parts) > 1 and parts[1].isdigit():
                row = self._item_rows[int(parts[1])]
                fields.setdefault(".".join(["items", str(row), *parts[2:]]), message)
            elif name == "items":  # about the rows as a whole: said in the flash
                fields.setdefault("items as a whole", message)
            else:
                fields.setdefault(name, message)
        return ServiceError(error.message, fields)


class DecisionForm(DecisionItemsForm):
    text = TextAreaField(_l("Decision (kesepakatan)"),
                         validators=[DataRequired(), Length(max=decisions.MAX_TEXT)])
    items = FieldList(FormField(ItemRow), min_entries=BLANK_ROWS,
                      max_entries=decisions.MAX_ITEMS)


class DecisionTextForm(BaseForm):
    text = TextAreaField(_l("Decision (kesepakatan)"),
                         validators=[DataRequired(), Length(max=decisions.MAX_TEXT)])
