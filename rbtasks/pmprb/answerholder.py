"""Answers of a self-assessment as holders of evidence (data dukung).

The evidence mechanism is the items' (``rbtasks.evidence``): the same
storage, file checks, download and removal. Those who answer for the unit
add and remove evidence while the answer is not reviewed; whoever reads the
assessment sees and downloads it. Adding and removing are not recorded in
any history (answers keep none): the evidence row itself says who added it
and when.
"""
from flask import url_for
from flask_babel import gettext as _

from rbtasks.errors import Conflict, NotFound, PermissionDenied
from rbtasks.evidence.holders import EvidenceHolder
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id
from rbtasks.pmprb.assessment_access import may_answer, may_read
from rbtasks.pmprb.models import AssessmentAnswer


def find_answer(actor, answer_id):
    answer = db.session.get(AssessmentAnswer, answer_id) if is_id(answer_id) else None
    if answer is None or not may_read(actor, answer.assessment):
        raise NotFound(_("That self-assessment does not exist or is not visible to you."))
    return answer


def _check_may_change(actor, answer):
    if not may_answer(actor, answer.assessment):
        raise PermissionDenied(_("Only those who answer this self-assessment can add or remove "
                                 "its evidence."))
    if answer.state == "reviewed":
        raise Conflict(_("This answer has been reviewed; its evidence can no longer change."))


def _record(answer, actor, action, now, subject, note):
    """Answers keep no history; the evidence row says who added it and when."""


ANSWER_HOLDER = EvidenceHolder(
    kind="answer",
    find=find_answer,
    check_may_add=_check_may_change,
    check_may_remove=lambda actor, answer, _evidence: _check_may_change(actor, answer),
    record=_record,
    page_url=lambda answer: url_for("pmprb_assessments.show_assessment",
                                    assessment_id=answer.assessment_id,
                                    _anchor=f"indicator-{answer.indicator_id}"),
)
