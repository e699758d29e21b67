"""The meeting pages: the list, record and edit, the meeting with its
decisions (added with their items in one step) and its evidence."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.errors import ValidationError
from rbtasks.evidence import services as evidence
from rbtasks.evidence.forms import FileEvidenceForm, LinkEvidenceForm
from rbtasks.extensions import db
from rbtasks.meetings import decisions, services
from rbtasks.meetings.followup import rates_for
from rbtasks.meetings.forms import (
    DecisionForm, DecisionItemsForm, DecisionTextForm, MeetingForm,
)
from rbtasks.meetings.access import may_record_meetings
from rbtasks.meetings.page import (
    attendee_choices, decision_choices, held_at_text, meeting_page,
)
from rbtasks.timeutil import utc_now
from rbtasks.webforms import ConfirmForm
from rbtasks.web import requested_page, show_errors

bp = Blueprint("meetings", __name__, url_prefix="/meetings")


def _show(meeting_id, anchor=None):
    return redirect(url_for(".show_meeting", meeting_id=meeting_id, _anchor=anchor), 303)


@bp.route("")
@login_required
def list_meetings():
    page = services.list_meetings(current_user, requested_page(), 25)
    rates = rates_for([meeting.id for meeting in page.items])
    return render_template("meetings/list.html", page=page, rates=rates,
                           held_at_text=held_at_text,
                           may_record=may_record_meetings(current_user))


def _save_meeting(form, save):
    """Validate, call ``save(values)`` and commit; True when saved."""
    if not form.validate_on_submit():
        return False
    try:
        save(form.values())
    except ValidationError as error:
        db.session.rollback()
        show_errors(form, form.form_error(error))
        return False
    db.session.commit()
    return True


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_meeting():
    services.require_recorder(current_user)
    form = MeetingForm()
    form.attendee_ids.choices = attendee_choices()
    saved = {}
    if _save_meeting(form, lambda values: saved.setdefault(
            "meeting", services.record_meeting(current_user, values, utc_now()))):
        flash(_("The meeting was recorded."), "success")
        return _show(saved["meeting"].id)
    return render_template("meetings/form.html", form=form, meeting=None), \
        422 if form.errors else 200


@bp.route("/<int:meeting_id>")
@login_required
def show_meeting(meeting_id):
    meeting = services.get_meeting(current_user, meeting_id)
    return render_template("meetings/show.html", **meeting_page(current_user, meeting))


@bp.route("/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit_meeting(meeting_id):
    meeting = services.get_meeting(current_user, meeting_id)
    services.require_recorder(current_user)
    form = MeetingForm()
    form.attendee_ids.choices = attendee_choices()
    if not form.is_submitted():
        form.fill_from(meeting)
    if _save_meeting(form, lambda values: services.update_meeting(current_user, meeting,
                                                                  values, utc_now())):
        flash(_("The meeting was saved."), "success")
        return _show(meeting.id)
    return render_template("meetings/form.html", form=form, meeting=meeting), \
        422 if form.errors else 200


@bp.route("/<int:meeting_id>/decisions", methods=["POST"])
@login_required
def add_decision(meeting_id):
    meeting = services.get_meeting(current_user, meeting_id)
    services.require_recorder(current_user)
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            decisions.add_decision(current_user, meeting, form.text.data, form.item_rows(),
                                   utc_now())
        except ValidationError as error:
            db.session.rollback()
            show_errors(form, form.form_error(error))
        else:
            db.session.commit()
            flash(_("The decision was recorded."), "success")
            return _show(meeting.id, "decisions")
    return render_template("meetings/show.html",
                           **meeting_page(current_user, meeting, decision_form=form)), 422


@bp.route("/<int:meeting_id>/decisions/<int:decision_id>/items", methods=["GET", "POST"])
@login_required
def add_decision_items(meeting_id, decision_id):
    meeting = services.get_meeting(current_user, meeting_id)
    decision = decisions.get_decision(meeting, decision_id)
    services.require_recorder(current_user)
    form = DecisionItemsForm()
    form.set_choices(*decision_choices(current_user))
    if form.validate_on_submit():
        try:
            decisions.add_decision_items(current_user, decision, form.item_rows(), utc_now())
        except ValidationError as error:
            db.session.rollback()
            show_errors(form, form.form_error(error))
        else:
            db.session.commit()
            flash(_("The follow-up items were added."), "success")
            return _show(meeting.id, f"decision-{decision.id}")
    return render_template("meetings/decision_items.html", meeting=meeting, decision=decision,
                           form=form, held_at_text=held_at_text(meeting.held_at)), \
        422 if form.is_submitted() else 200


@bp.route("/<int:meeting_id>/decisions/<int:decision_id>/edit", methods=["POST"])
@login_required
def edit_decision(meeting_id, decision_id):
    meeting = services.get_meeting(current_user, meeting_id)
    decision = decisions.get_decision(meeting, decision_id)
    services.require_recorder(current_user)
    form = DecisionTextForm()
    if not form.validate_on_submit():
        flash(" ".join(form.text.errors) or _("Some fields are not valid."), "error")
        return _show(meeting.id, f"decision-{decision.id}")
    try:
        decisions.update_decision(current_user, decision, form.text.data, utc_now())
    except ValidationError as error:
        db.session.rollback()
        show_errors(None, error)
        return _show(meeting.id, f"decision-{decision.id}")
    db.session.commit()
    flash(_("The decision was saved."), "success")
    return _show(meeting.id, f"decision-{decision.id}")


@bp.route("/<int:meeting_id>/decisions/<int:decision_id>/delete", methods=["POST"])
@login_required
def delete_decision(meeting_id, decision_id):
    meeting = services.get_meeting(current_user, meeting_id)
    decision = decisions.get_decision(meeting, decision_id)
    services.require_recorder(current_user)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    decisions.delete_decision(current_user, decision, utc_now())
    db.session.commit()
    flash(_("The decision was deleted; its items remain."), "success")
    return _show(meeting.id, "decisions")


def _evidence_refused(meeting, form_id, form, error=None):
    if error is not None:
        db.session.rollback()
        show_errors(form, error)
    context = meeting_page(current_user, meeting, evidence_forms={form_id: form})
    return render_template("meetings/show.html", **context), 422


@bp.route("/<int:meeting_id>/evidence/file", methods=["POST"])
@login_required
def add_evidence_file(meeting_id):
    meeting = services.get_meeting(current_user, meeting_id)
    services.require_recorder(current_user)
    form = FileEvidenceForm()
    if not form.validate_on_submit():
        return _evidence_refused(meeting, "file_form", form)
    upload = form.file.data
    try:
        evidence.attach_file(current_user, "meeting", meeting, form.kind.data,
                             form.description.data, upload.stream, upload.filename, utc_now())
    except ValidationError as error:
        return _evidence_refused(meeting, "file_form", form, error)
    db.session.commit()
    flash(_("Evidence added."), "success")
    return _show(meeting.id, "evidence")


@bp.route("/<int:meeting_id>/evidence/link", methods=["POST"])
@login_required
def add_evidence_link(meeting_id):
    meeting = services.get_meeting(current_user, meeting_id)
    services.require_recorder(current_user)
    form = LinkEvidenceForm()
    if not form.validate_on_submit():
        return _evidence_refused(meeting, "link_form", form)
    try:
        evidence.attach_link(current_user, "meeting", meeting, form.kind.data,
                             form.description.data, form.url.data, utc_now())
    except ValidationError as error:
        return _evidence_refused(meeting, "link_form", form, error)
    db.session.commit()
    flash(_("Link added."), "success")
    return _show(meeting.id, "evidence")
