"""What the item forms and filters offer to pick from."""
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.items.models import ActionItem
from rbtasks.items.permissions import visible_items_clause
from rbtasks.organisation.models import Agency, Pokja
from rbtasks.roles import ADMIN, LEADER


def pokjas_for_new_items(actor):
    if actor.role == ADMIN:
        return all_pokjas()
    return sorted(actor.coordinated_pokjas, key=lambda p: p.name)


def all_pokjas():
    return list(db.session.scalars(sa.select(Pokja).order_by(Pokja.name)))


def all_agencies():
    return list(db.session.scalars(sa.select(Agency).order_by(Agency.name)))


def active_users(agency_id=None):
    statement = sa.select(User).where(User.active.is_(True)).order_by(User.name)
    if agency_id is not None:
        statement = statement.where(User.agency_id == agency_id)
    return list(db.session.scalars(statement))


def list_filter_options(actor, agency_id=None, owner_id=None):
    """(pokjas, agencies, owners) the item list's filters offer ``actor``.

    Leaders and admins see the whole plan and are offered every pokja and
    agency; anyone else only what occurs in the items they may see (and a
    coordinator also their own pokja, empty or not), so the filters reveal
    no one else's work. People are many, so owners are offered only within
    the chosen agency (``agency_id``: its people and its units' people, or
    for anyone else the owners of the visible items there), plus the chosen
    owner: the page never lists every user of a province.
    """
    if actor.role in (ADMIN, LEADER):
        pokjas, agencies = all_pokjas(), all_agencies()
        units = sa.select(Agency.id).where(sa.or_(Agency.id == agency_id,
                                                  Agency.parent_id == agency_id))
        people = sa.select(User.id).where(User.active.is_(True))
        in_agency = people.where(User.agency_id.in_(units))
    else:
        visible = sa.and_(visible_items_clause(actor), ActionItem.deleted_at.is_(None))

        def used(column, *where):
            return sa.select(column).where(visible, *where)

        coordinated = [pokja.id for pokja in actor.coordinated_pokjas]
        pokjas = list(db.session.scalars(sa.select(Pokja).where(
            sa.or_(Pokja.id.in_(used(ActionItem.pokja_id)), Pokja.id.in_(coordinated)))
            .order_by(Pokja.name)))
        agencies = list(db.session.scalars(sa.select(Agency).where(
            Agency.id.in_(used(ActionItem.agency_id))).order_by(Agency.name)))
        people = used(ActionItem.owner_id)
        in_agency = used(ActionItem.owner_id, ActionItem.agency_id == agency_id)
    offered = []
    if agency_id is not None:
        offered.append(User.id.in_(in_agency))
    if owner_id is not None:
        offered.append(sa.and_(User.id == owner_id, User.id.in_(people)))
    if not offered:
        return pokjas, agencies, []
    owners = sa.select(User).where(sa.or_(*offered)).order_by(User.name)
    return pokjas, agencies, list(db.session.scalars(owners))
