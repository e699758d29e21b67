"""Role checks shared by services. Services call these with the acting user;
the edges turn ``PermissionDenied`` into 403."""
from flask_babel import gettext as _

from rbtasks.accounts.roles import ADMIN
from rbtasks.errors import PermissionDenied


def require_role(actor, *roles):
    if actor is None or not actor.active or actor.role not in roles:
        raise PermissionDenied(_("You are not allowed to do that."))


def require_admin(actor):
    require_role(actor, ADMIN)
