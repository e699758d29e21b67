"""The minutes of a meeting: the printable page and its ``.docx``, for its readers."""
from flask import Blueprint, render_template
from flask_login import current_user, login_required

from rbtasks.meetings.access import get_meeting
from rbtasks.meetings.minutes.content import minutes_of
from rbtasks.meetings.minutes.download import minutes_attachment
from rbtasks.timeutil import utc_now

bp = Blueprint("minutes", __name__, static_folder="static",
               static_url_path="/meetings/minutes/static")


@bp.route("/meetings/<int:meeting_id>/minutes")
@login_required
def show(meeting_id):
    meeting = get_meeting(current_user, meeting_id)
    return render_template("meetings/minutes.html", minutes=minutes_of(meeting, utc_now()))


@bp.route("/meetings/<int:meeting_id>/minutes.docx")
@login_required
def docx(meeting_id):
    return minutes_attachment(get_meeting(current_user, meeting_id), utc_now())
