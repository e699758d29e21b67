"""Who may read and record monev meetings.

Meetings are the RB team's: every signed-in user may read them (their
decisions concern every pokja; the items made from them keep their own
visibility). Admins, the team leader and pokja coordinators record them:
create, edit, add decisions and evidence.
"""
from flask_babel import gettext as _

from rbtasks.errors import NotFound, PermissionDenied
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id
from rbtasks.meetings.models import Meeting
from rbtasks.roles import ADMIN, COORDINATOR, LEADER

RECORDERS = (ADMIN, LEADER, COORDINATOR)


def may_read_meetings(actor):
    return actor is not None and actor.active


def may_record_meetings(actor):
    return may_read_meetings(actor) and actor.role in RECORDERS


def require_recorder(actor):
    if not may_record_meetings(actor):
        raise PermissionDenied(_("Only administrators, the RB team leader and pokja "
                                 "coordinators can record monev meetings."))


def get_meeting(actor, meeting_id):
    """The meeting, or NotFound (also for an id that is not a plain int, or
    beyond what the database stores)."""
    meeting = db.session.get(Meeting, meeting_id) if is_id(meeting_id) else None
    if meeting is None or not may_read_meetings(actor):
        raise NotFound(_("That meeting does not exist or is not visible to you."))
    return meeting
