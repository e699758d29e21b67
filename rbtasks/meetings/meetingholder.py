"""Monev meetings as holders of evidence: notulen, daftar hadir, photos.

Whoever reads the meeting sees and downloads its evidence; recorders add
and remove it. A meeting has no activity log of its own, so additions and
removals leave no history entry (the evidence row keeps who added it and
when).
"""
from flask import url_for

from rbtasks.evidence.holders import EvidenceHolder
from rbtasks.meetings.access import get_meeting, require_recorder


def _check_may_add(actor, meeting):
    require_recorder(actor)


def _check_may_remove(actor, meeting, evidence):
    require_recorder(actor)


def _record(meeting, actor, action, now, subject, note):
    meeting.updated_at = now


MEETING_HOLDER = EvidenceHolder(
    kind="meeting",
    find=get_meeting,
    check_may_add=_check_may_add,
    check_may_remove=_check_may_remove,
    record=_record,
    page_url=lambda meeting: url_for("meetings.show_meeting", meeting_id=meeting.id,
                                     _anchor="evidence"),
)
