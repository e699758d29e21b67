"""What the meeting page shows, built in a few queries.

Items keep their own visibility: a reader who may not open an item sees
its status and pokja (the follow-up rate counts it) but not its title,
owner or link.
"""
import sqlalchemy as sa
from flask import current_app, url_for
from babel.dates import format_datetime
from flask_babel import get_locale

from rbtasks.accounts.models import User
from rbtasks.evidence import filetypes, storage
from rbtasks.evidence.forms import FileEvidenceForm, LinkEvidenceForm, RemoveEvidenceForm
from rbtasks.evidence.kinds import KIND_LABELS
from rbtasks.evidence.services import evidence_of
from rbtasks.extensions import db
from rbtasks.i18n import formatting_locale
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.items.permissions import can_create_in, can_see
from rbtasks.meetings.access import may_record_meetings
from rbtasks.meetings.followup import done_decision_ids, follow_up, rates_for
from rbtasks.meetings.forms import DecisionForm, DecisionTextForm
from rbtasks.meetings.models import Decision
from rbtasks.meetings.decisions import load_decisions
from rbtasks.meetings.services import earlier_meetings, load_details
from rbtasks.organisation.models import Agency, Pokja
from rbtasks.timeutil import province_zone
from rbtasks.web import NO_CHOICE


def held_at_text(moment):
    """Senin, 7 Desember 2026 09.00 WITA — in the province's zone, whatever
    the reader's language (English is written with Indonesia's conventions)."""
    locale = get_locale()
    return format_datetime(moment, "EEEE, d MMMM y HH.mm zzz", tzinfo=province_zone(),
                           locale=formatting_locale(locale.language if locale else None))


def _item_rows(actor, decision):
    rows = []
    for link in decision.links:
        item = link.item
        if item.deleted_at is not None:
            continue
        rows.append({"item": item, "visible": can_see(actor, item),
                     "status_label": STATUS_LABELS.get(item.status, item.status)})
    return rows


def decision_rows(actor, decisions):
    done = done_decision_ids([decision.id for decision in decisions])
    return [{"decision": decision, "done": decision.id in done,
             "items": _item_rows(actor, decision)} for decision in decisions]


def earlier_panel(actor, meeting):
    """"Tindak lanjut rapat sebelumnya": the earlier meetings' rates and
    their decisions that are not done yet, with each item's state."""
    earlier = earlier_meetings(meeting)
    ids = [row.id for row in earlier]
    rates = rates_for(ids)
    rows = decision_rows(actor, load_decisions(Decision.meeting_id.in_(ids))) \
        if ids else []
    open_by_meeting = {}
    for row in rows:
        if not row["done"]:
            open_by_meeting.setdefault(row["decision"].meeting_id, []).append(row)
    return [{"meeting": row, "follow_up": rates[row.id],
             "open": open_by_meeting.get(row.id, [])} for row in earlier]


def decision_choices(actor):
    """The item rows' selects: pokjas the actor may add items to, every
    agency, and active people with their agency (owners must work there)."""
    pokjas = [(pokja.id, pokja.name) for pokja in db.session.scalars(
        sa.select(Pokja).order_by(Pokja.name)) if can_create_in(actor, pokja.id)]
    agencies = [(row.id, row.name) for row in db.session.execute(
        sa.select(Agency.id, Agency.name).order_by(Agency.name))]
    owners = [(row.id, f"{row.name} — {row.agency}" if row.agency else row.name)
              for row in db.session.execute(
                  sa.select(User.id, User.name, Agency.name.label("agency"))
                  .outerjoin(Agency, Agency.id == User.agency_id)
                  .where(User.active.is_(True)).order_by(User.name))]
    return [NO_CHOICE, *pokjas], [NO_CHOICE, *agencies], [NO_CHOICE, *owners]


def attendee_choices():
    """Active people grouped by agency, for the attendance list's checkboxes."""
    groups = {}
    for row in db.session.execute(
            sa.select(User.id, User.name, Agency.name.label("agency"))
            .outerjoin(Agency, Agency.id == User.agency_id)
            .where(User.active.is_(True)).order_by(Agency.name, User.name)):
        groups.setdefault(row.agency or "—", []).append((row.id, row.name))
    return groups


def evidence_panel(actor, meeting):
    may_record = may_record_meetings(actor)
    rows = [{
        "evidence": item,
        "kind_label": KIND_LABELS.get(item.kind, item.kind),
        "download_url": (url_for("evidence.download", evidence_id=item.id)
                         if item.is_file else None),
        "remove_url": url_for("evidence.remove", evidence_id=item.id),
    } for item in evidence_of("meeting", meeting)]
    return {
        "rows": rows, "may_record": may_record,
        "file_form": FileEvidenceForm(formdata=None),
        "link_form": LinkEvidenceForm(formdata=None),
        "remove_form": RemoveEvidenceForm(formdata=None),
        "accept": filetypes.ACCEPT_ATTRIBUTE, "allowed_text": filetypes.allowed_list_text(),
        "max_upload_mb": storage.megabytes(current_app.config["RBTASKS_MAX_UPLOAD_BYTES"]),
    }


def minutes_links(meeting):
    """The minutes page and .docx, once the minutes feature is installed."""
    views = current_app.view_functions
    return {name: url_for(endpoint, meeting_id=meeting.id)
            for name, endpoint in (("show", "minutes.show"), ("docx", "minutes.docx"))
            if endpoint in views}


def meeting_page(actor, meeting, decision_form=None, evidence_forms=None):
    """The template context of the meeting page."""
    may_record = may_record_meetings(actor)
    if decision_form is None and may_record:
        decision_form = DecisionForm(formdata=None)
    if decision_form is not None:
        decision_form.set_choices(*decision_choices(actor))
    load_details(meeting)
    evidence = evidence_panel(actor, meeting)
    evidence.update(evidence_forms or {})
    return {
        "meeting": meeting, "held_at_text": held_at_text(meeting.held_at),
        "may_record": may_record, "follow_up": follow_up(meeting),
        "decisions": decision_rows(actor, load_decisions(
            Decision.meeting_id == meeting.id)),
        "decision_form": decision_form, "text_form": DecisionTextForm(formdata=None),
        "earlier": earlier_panel(actor, meeting), "evidence": evidence,
        "minutes": minutes_links(meeting),
    }
