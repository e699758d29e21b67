"""The minutes (notulen) of a monev meeting as plain values.

:func:`minutes_of` reads a meeting once — one query per table — and returns
what the printed page and the ``.docx`` both show, already written out in
the reader's language and the province's time: the heading, the day and
date, the time in WITA, the attendance list, the agenda with its
discussion, the decisions with their follow-up items, the evidence and the
signature block. The page and the document only lay it out.
"""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from babel.dates import format_datetime
from flask_babel import format_date, get_locale, get_timezone
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from rbtasks.accounts.models import User
from rbtasks.evidence.kinds import KIND_LABELS
from rbtasks.evidence.services import evidence_of
from rbtasks.extensions import db
from rbtasks.i18n import formatting_locale, long_date
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.items.models import ActionItem
from rbtasks.meetings.models import AgendaPoint, Decision, DecisionItem, MeetingAttendee


@dataclass(frozen=True)
class Attendee:
    number: int
    name: str
    agency: str


@dataclass(frozen=True)
class AgendaEntry:
    number: int
    topic: str
    # The discussion as written: paragraphs (split at blank lines), each a list of lines.
    paragraphs: list


@dataclass(frozen=True)
class FollowUp:
    number: int
    item_id: int
    title: str
    owner: str
    agency: str
    due_date: str
    status: str


@dataclass(frozen=True)
class DecisionEntry:
    number: int
    text: str
    follow_ups: list


@dataclass(frozen=True)
class EvidenceEntry:
    evidence_id: int
    kind: str
    description: str
    # a file's original name, or a link's address
    name: str
    url: str | None
    is_file: bool


@dataclass(frozen=True)
class Minutes:
    meeting_id: int
    heading: str
    title: str
    day_and_date: str
    time: str
    place: str
    chair: str
    note_taker: str
    attendees: list
    agenda: list
    decisions: list
    evidence: list
    signed_at: str  # "<place>, <date>" above the signatures
    printed_at: str
    held_on: date  # the meeting's calendar date in WITA, for file names


def minutes_of(meeting, now):
    """The minutes of ``meeting`` (the caller has checked the reader may see
    it), in the current locale; ``now`` is the moment they are printed."""
    place = meeting.place.strip()
    signed_on = format_date(meeting.held_at, "d MMMM y")  # in WITA: flask-babel rebases
    return Minutes(
        meeting_id=meeting.id,
        heading=_("Minutes of the monitoring and evaluation meeting of bureaucratic "
                  "reform").upper(),
        title=meeting.title,
        day_and_date=long_date(meeting.held_at),
        time=_time_text(meeting.held_at),
        place=place,
        chair=meeting.chair,
        note_taker=meeting.note_taker,
        attendees=_attendees(meeting.id),
        agenda=_agenda(meeting.id),
        decisions=_decisions(meeting.id),
        evidence=_evidence(meeting),
        signed_at=f"{_town(place)}, {signed_on}" if place else signed_on,
        printed_at=_moment_text(now),
        held_on=_local_date(meeting.held_at),
    )


def _time_text(moment):
    """09.00 WITA: Indonesian writes hours and minutes with a dot."""
    pattern = "HH.mm zzz" if _language() == "id" else "HH:mm zzz"
    return _in_zone(moment, pattern)


def _moment_text(moment):
    pattern = "d MMMM y HH.mm zzz" if _language() == "id" else "d MMMM y HH:mm zzz"
    return _in_zone(moment, pattern)


def _in_zone(moment, pattern):
    # The zone's short name (WITA) is in the Indonesian locale data and in
    # en_ID's, not in plain English's (rbtasks.i18n.formatting_locale).
    return format_datetime(moment, pattern, tzinfo=get_timezone(),
                           locale=formatting_locale(_language()))


def _local_date(moment):
    return moment.astimezone(get_timezone()).date()


def _language():
    locale = get_locale()
    return locale.language if locale else "id"


def _attendees(meeting_id):
    rows = db.session.scalars(
        sa.select(MeetingAttendee).where(MeetingAttendee.meeting_id == meeting_id)
        .options(joinedload(MeetingAttendee.user).joinedload(User.agency))
        .order_by(MeetingAttendee.position, MeetingAttendee.id))
    attendees = []
    for number, row in enumerate(rows, start=1):
        user = row.user
        name = user.name if user is not None else row.name
        agency = (user.agency.name if user is not None and user.agency is not None
                  else row.agency_name)
        attendees.append(Attendee(number, name, agency))
    return attendees


def _agenda(meeting_id):
    rows = db.session.scalars(
        sa.select(AgendaPoint).where(AgendaPoint.meeting_id == meeting_id)
        .order_by(AgendaPoint.position, AgendaPoint.id))
    return [AgendaEntry(number, row.topic, paragraphs(row.discussion))
            for number, row in enumerate(rows, start=1)]


def paragraphs(text):
    """Text as written → paragraphs (at blank lines), each a list of its lines."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    result, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.rstrip())
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def _decisions(meeting_id):
    decisions = list(db.session.scalars(
        sa.select(Decision).where(Decision.meeting_id == meeting_id)
        .order_by(Decision.position, Decision.id)))
    items_by_decision = {decision.id: [] for decision in decisions}
    if decisions:
        rows = db.session.execute(
            sa.select(DecisionItem.decision_id, ActionItem)
            .join(ActionItem, ActionItem.id == DecisionItem.item_id)
            .where(DecisionItem.decision_id.in_(items_by_decision),
                   ActionItem.deleted_at.is_(None))
            .options(joinedload(ActionItem.owner), joinedload(ActionItem.agency))
            .order_by(ActionItem.due_date, ActionItem.id))
        for decision_id, item in rows:
            items_by_decision[decision_id].append(item)
    return [DecisionEntry(number, decision.text, [
        FollowUp(position, item.id, item.title,
                 item.owner.name if item.owner is not None else "",
                 item.agency.name if item.agency is not None else "",
                 format_date(item.due_date, "d MMMM y"), str(STATUS_LABELS[item.status]))
        for position, item in enumerate(items_by_decision[decision.id], start=1)])
        for number, decision in enumerate(decisions, start=1)]


def _town(place):
    """Where the minutes are signed: a place written "room, building, town"
    signs with its last part ("Kupang, 5 Oktober 2026"), as minutes do."""
    return place.rsplit(",", 1)[-1].strip() or place


def _evidence(meeting):
    rows = evidence_of("meeting", meeting)
    return [EvidenceEntry(row.id, str(KIND_LABELS.get(row.kind, row.kind)), row.description,
                          row.original_name if row.is_file else row.url,
                          None if row.is_file else row.url, row.is_file)
            for row in rows]
