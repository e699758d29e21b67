"""The five roles of rbtasks (see shared/DOMAIN.md)."""
from flask_babel import lazy_gettext as _l

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
