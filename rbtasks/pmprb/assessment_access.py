"""Who may read, answer and review a self-assessment.

- Read: admins, the RB team leader, pokja coordinators and evaluators; for
  an agency's assessment also that agency's head and members.
- Create: admins, coordinators and evaluators (a choice: they run the
  PMPRB for the province and its agencies).
- The unit's (self) answers, notes, evidence and submitting: admins,
  coordinators, and for an agency's assessment its agency head.
- The evaluator's answers, reviewing and returning to draft: only users
  with ``is_evaluator`` (the Inspektorat's evaluators), whatever their role.
"""
from flask_babel import gettext as _

from rbtasks.errors import NotFound, PermissionDenied
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id
from rbtasks.pmprb.models import Assessment
from rbtasks.pmprb.permissions import is_active_user, is_evaluator  # noqa: F401 (the routes use is_evaluator)
from rbtasks.roles import ADMIN, AGENCY_HEAD, COORDINATOR, LEADER, MEMBER


def may_read_all(actor):
    """Whether the actor sees every assessment (province and agencies)."""
    return is_active_user(actor) and (actor.role in (ADMIN, LEADER, COORDINATOR) or is_evaluator(actor))


def may_read(actor, assessment):
    if may_read_all(actor):
        return True
    return (is_active_user(actor) and assessment.agency_id is not None
            and actor.role in (AGENCY_HEAD, MEMBER) and actor.agency_id == assessment.agency_id)


def may_create(actor):
    return is_active_user(actor) and (actor.role in (ADMIN, COORDINATOR) or is_evaluator(actor))


def may_answer(actor, assessment):
    """Whether the actor answers for the unit (self answers, notes, evidence)."""
    if not is_active_user(actor):
        return False
    if actor.role in (ADMIN, COORDINATOR):
        return True
    return (actor.role == AGENCY_HEAD and assessment.agency_id is not None
            and actor.agency_id == assessment.agency_id)


def require_create(actor):
    if not may_create(actor):
        raise PermissionDenied(_("Only administrators, pokja coordinators and evaluators can "
                                 "start a self-assessment."))


def require_answer(actor, assessment):
    if not may_answer(actor, assessment):
        raise PermissionDenied(_("Only administrators, pokja coordinators and the agency's "
                                 "head answer this self-assessment."))


def require_evaluator(actor):
    if not is_evaluator(actor):
        raise PermissionDenied(_("Only evaluators give the evaluator's answers and "
                                 "review answers."))


def get_assessment(actor, assessment_id):
    """The assessment, or NotFound when it does not exist or the actor may not read it."""
    assessment = db.session.get(Assessment, assessment_id) if is_id(assessment_id) else None
    if assessment is None or not may_read(actor, assessment):
        raise NotFound(_("That self-assessment does not exist or is not visible to you."))
    return assessment
