"""Who may see and change an action item.

One rule per question, each usable on a loaded item and, for visibility,
as a SQL clause so lists never load what the user may not see.
"""
import sqlalchemy as sa

from rbtasks.roles import ADMIN, AGENCY_HEAD, COORDINATOR, LEADER
from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import pokja_coordinator, pokja_member


def _coordinated_pokja_ids(user):
    return sa.select(pokja_coordinator.c.pokja_id).where(pokja_coordinator.c.user_id == user.id)


def _member_pokja_ids(user):
    return sa.select(pokja_member.c.pokja_id).where(pokja_member.c.user_id == user.id)


def visible_items_clause(user):
    """A WHERE clause selecting the items ``user`` may read."""
    if user.role in (ADMIN, LEADER):
        return sa.true()
    clauses = [ActionItem.owner_id == user.id, ActionItem.pokja_id.in_(_member_pokja_ids(user))]
    if user.role == COORDINATOR:
        clauses.append(ActionItem.pokja_id.in_(_coordinated_pokja_ids(user)))
    if user.role == AGENCY_HEAD and user.agency_id is not None:
        clauses.append(ActionItem.agency_id == user.agency_id)
    return sa.or_(*clauses)


def coordinates(user, pokja_id):
    return user.role == COORDINATOR and any(p.id == pokja_id for p in user.coordinated_pokjas)


def can_see(user, item):
    if user.role in (ADMIN, LEADER) or item.owner_id == user.id:
        return True
    if any(p.id == item.pokja_id for p in user.member_pokjas):
        return True
    if coordinates(user, item.pokja_id):
        return True
    return user.role == AGENCY_HEAD and user.agency_id is not None and user.agency_id == item.agency_id


def can_manage(user, item):
    """Edit every field, assign, delete: admins and the pokja's coordinators."""
    return user.role == ADMIN or coordinates(user, item.pokja_id)


def can_create_in(user, pokja_id):
    return user.role == ADMIN or coordinates(user, pokja_id)


def can_update_progress(user, item):
    return can_manage(user, item) or item.owner_id == user.id


def can_reassign(user, item):
    """Coordinators assign anyone; an agency head reassigns within the agency."""
    if can_manage(user, item):
        return True
    return user.role == AGENCY_HEAD and user.agency_id is not None and user.agency_id == item.agency_id


def can_comment(user, item):
    if user.role in (ADMIN, LEADER) or item.owner_id == user.id:
        return True
    return can_manage(user, item) or can_reassign(user, item)


def editable_fields(user, item):
    """The item fields ``user`` may change, for forms and for refusing the rest."""
    if can_manage(user, item):
        from rbtasks.items.fields import EDITABLE_FIELDS

        return set(EDITABLE_FIELDS)
    fields = set()
    if can_update_progress(user, item):
        fields.add("progress")
    if can_reassign(user, item):
        fields.add("owner_id")
    return fields
