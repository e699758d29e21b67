"""Recording monev meetings: the details, the attendance list, the agenda.

Every signed-in user reads meetings; recorders (``access.RECORDERS``)
create and edit them. Every field is checked before a row is touched, and a
refusal names each field at fault (``attendees.2.user_id``), so a refused
meeting changes nothing. ``held_at`` is an aware datetime, stored in UTC;
the edges read it in WITA (pages) or with its offset (API). Services flush;
the edge commits.
"""
from datetime import datetime, timezone

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from rbtasks.accounts.models import User
from rbtasks.checks import FieldErrors, check_known, clean_long_text, clean_name, clean_text
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id
from rbtasks.errors import PermissionDenied
from rbtasks.meetings.access import get_meeting, may_read_meetings, require_recorder  # noqa: F401
from rbtasks.meetings.models import AgendaPoint, Meeting, MeetingAttendee
from rbtasks.paging import paginate

FIELDS = ("title", "held_at", "place", "chair", "note_taker", "attendees", "agenda")
MAX_TITLE = 300
MAX_NAME = 200  # place, chair, note-taker, an attendee's name and agency
MAX_TOPIC = 500
MAX_DISCUSSION = 20_000
MAX_ATTENDEES = 500
MAX_AGENDA = 100
FIRST_YEAR, LAST_YEAR = 2000, 2100


def record_meeting(actor, fields, now):
    """Record a meeting from ``fields`` (title and held_at required)."""
    require_recorder(actor)
    check_known(fields, FIELDS)
    cleaned = _clean(fields, creating=True)
    meeting = Meeting(title=cleaned["title"], held_at=cleaned["held_at"],
                      place=cleaned.get("place") or "", chair=cleaned.get("chair") or "",
                      note_taker=cleaned.get("note_taker") or "",
                      created_by_id=actor.id, created_at=now, updated_at=now)
    meeting.attendees = cleaned.get("attendees", [])
    meeting.agenda = cleaned.get("agenda", [])
    db.session.add(meeting)
    db.session.flush()
    return meeting


def update_meeting(actor, meeting, fields, now):
    """Change the fields given (PATCH): a given ``attendees`` or ``agenda``
    list replaces the old one wholesale; absent fields stay as they are."""
    require_recorder(actor)
    check_known(fields, FIELDS)
    cleaned = _clean(fields, creating=False)
    for name in ("title", "held_at", "place", "chair", "note_taker"):
        if name in cleaned:
            setattr(meeting, name, cleaned[name] or "")
    if "attendees" in cleaned:
        # The old rows go first: the same account on the new list would
        # otherwise meet itself in the unique (meeting, user) constraint.
        meeting.attendees.clear()
        db.session.flush()
        meeting.attendees.extend(cleaned["attendees"])
    if "agenda" in cleaned:
        meeting.agenda.clear()
        db.session.flush()
        meeting.agenda.extend(cleaned["agenda"])
    meeting.updated_at = now
    db.session.flush()
    return meeting


def list_meetings(actor, page=1, per_page=25):
    """One page of meetings, newest first."""
    if not may_read_meetings(actor):
        raise PermissionDenied(_("You are not allowed to do that."))
    statement = sa.select(Meeting).order_by(Meeting.held_at.desc(), Meeting.id.desc())
    return paginate(statement, page, per_page)


def load_details(meeting):
    """Load the attendance (with each account's agency) and the agenda in a
    couple of queries, before a page or an answer reads them all."""
    db.session.scalars(
        sa.select(Meeting).where(Meeting.id == meeting.id)
        .options(selectinload(Meeting.attendees).selectinload(MeetingAttendee.user)
                 .selectinload(User.agency), selectinload(Meeting.agenda))).all()
    return meeting


def earlier_meetings(meeting, limit=20):
    """The meetings held before ``meeting`` (latest first, at most ``limit``)."""
    return list(db.session.scalars(
        sa.select(Meeting)
        .where(sa.or_(Meeting.held_at < meeting.held_at,
                      sa.and_(Meeting.held_at == meeting.held_at, Meeting.id < meeting.id)))
        .order_by(Meeting.held_at.desc(), Meeting.id.desc()).limit(limit)))


# ---- checking ------------------------------------------------------------------

def _clean(fields, creating):
    errors = FieldErrors()
    cleaned = {}
    if creating or "title" in fields:
        cleaned["title"] = clean_text(errors, "title", fields.get("title"), MAX_TITLE)
    if creating or "held_at" in fields:
        cleaned["held_at"] = _clean_held_at(errors, fields.get("held_at"))
    for name in ("place", "chair", "note_taker"):
        if name in fields:
            cleaned[name] = clean_name(errors, name, fields[name], required=False)
    if "attendees" in fields:
        cleaned["attendees"] = _clean_attendees(errors, fields["attendees"])
    if "agenda" in fields:
        cleaned["agenda"] = _clean_agenda(errors, fields["agenda"])
    errors.raise_if_any()
    return cleaned


def _clean_held_at(errors, value):
    if not isinstance(value, datetime):
        errors.add("held_at", _("Give the date and time of the meeting."))
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        errors.add("held_at", _("Give the time with its time zone offset, "
                                "e.g. 2026-12-07T09:00:00+08:00."))
        return None
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        errors.add("held_at", _("Dates must fall between 2000 and 2100."))
        return None
    return value.astimezone(timezone.utc)


def _a_list(errors, field, value, maximum):
    if not isinstance(value, list):
        errors.add(field, _("Must be a list."))
        return None
    if len(value) > maximum:
        errors.add(field, _("At most %(count)d entries.", count=maximum))
        return None
    return value


def _clean_attendees(errors, value):
    """Accounts (``{"user_id"}``: an active user, each once) and guests
    (``{"name", "agency"}``), in the order given."""
    entries = _a_list(errors, "attendees", value, MAX_ATTENDEES)
    if entries is None:
        return []
    wanted = {entry.get("user_id") for entry in entries
              if isinstance(entry, dict) and is_id(entry.get("user_id"))}
    active = set(db.session.scalars(
        sa.select(User.id).where(User.id.in_(wanted), User.active.is_(True)))) if wanted else set()
    attendees, seen = [], set()
    for index, entry in enumerate(entries):
        prefix = f"attendees.{index}"
        if not isinstance(entry, dict):
            errors.add(prefix, _("Give a user_id, or a name and an agency."))
            continue
        unknown = set(entry) - {"user_id", "name", "agency"}
        if unknown:
            errors.add(f"{prefix}.{sorted(unknown)[0]}", _("Unknown field."))
            continue
        user_id = entry.get("user_id")
        if user_id is not None:
            if entry.get("name") or entry.get("agency"):
                errors.add(prefix, _("Give either a user_id or a guest's name, not both."))
            elif user_id not in active:
                errors.add(f"{prefix}.user_id", _("No such active user."))
            elif user_id in seen:
                errors.add(f"{prefix}.user_id", _("This person is already on the list."))
            else:
                seen.add(user_id)
                attendees.append(MeetingAttendee(position=index, user_id=user_id))
            continue
        name = clean_name(errors, f"{prefix}.name", entry.get("name"))
        agency = clean_name(errors, f"{prefix}.agency", entry.get("agency"), required=False)
        if name is not None:
            attendees.append(MeetingAttendee(position=index, name=name,
                                             agency_name=agency or ""))
    return attendees


def _clean_agenda(errors, value):
    entries = _a_list(errors, "agenda", value, MAX_AGENDA)
    if entries is None:
        return []
    points = []
    for index, entry in enumerate(entries):
        prefix = f"agenda.{index}"
        if not isinstance(entry, dict):
            errors.add(prefix, _("Give a topic and its discussion."))
            continue
        unknown = set(entry) - {"topic", "discussion"}
        if unknown:
            errors.add(f"{prefix}.{sorted(unknown)[0]}", _("Unknown field."))
            continue
        topic = clean_text(errors, f"{prefix}.topic", entry.get("topic"), MAX_TOPIC)
        discussion = clean_long_text(errors, f"{prefix}.discussion", entry.get("discussion"),
                                     MAX_DISCUSSION, required=False)
        if topic is not None:
            points.append(AgendaPoint(position=index, topic=topic, discussion=discussion or ""))
    return points
