"""The five roles of rbtasks (see shared/DOMAIN.md) and the role checks
services share. Services call the checks with the acting user; the edges
turn ``PermissionDenied`` into 403.

This module is on the ground floor: any feature may import it.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from rbtasks.errors import PermissionDenied

ADMIN = "admin"
LEADER = "leader"
COORDINATOR = "coordinator"
AGENCY_HEAD = "agency_head"
MEMBER = "member"

ROLES = (ADMIN, LEADER, COORDINATOR, AGENCY_HEAD, MEMBER)

ROLE_LABELS = {
    ADMIN: _l("Administrator"),
    LEADER: _l("RB team leader"),
    COORDINATOR: _l("Pokja coordinator"),
    AGENCY_HEAD: _l("Agency head"),
    MEMBER: _l("Member"),
}


def require_role(actor, *roles):
    if actor is None or not actor.active or actor.role not in roles:
        raise PermissionDenied(_("You are not allowed to do that."))


def require_admin(actor):
    require_role(actor, ADMIN)
