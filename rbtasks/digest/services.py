"""The digest's user-facing service: a coordinator turning their digest on or off."""
from flask_babel import gettext as _

from rbtasks.roles import COORDINATOR
from rbtasks.errors import PermissionDenied, ValidationError
from rbtasks.extensions import db


def set_digest_preference(actor, wants):
    """Turn ``actor``'s own weekly digest on (``wants`` true) or off.

    Only pokja coordinators choose: RB team leaders always receive the digest
    (it is how the team leader follows the plan), and other roles receive none.
    Overdue and escalation mail is not affected.
    """
    if not isinstance(wants, bool):
        raise ValidationError(_("Choose whether to receive the weekly digest."),
                              {"wants_digest": _("Choose yes or no.")})
    if actor is None or not actor.active or actor.role != COORDINATOR:
        raise PermissionDenied(_("Only pokja coordinators can turn the weekly digest on or off."))
    actor.wants_digest = wants
    db.session.flush()
    return actor
