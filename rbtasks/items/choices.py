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


def list_filter_options(actor):
    """(pokjas, agencies, owners) the item list's filters offer ``actor``.

    Leaders and admins see the whole plan and are offered everything; anyone
    else only what occurs in the items they may see (and a coordinator also
    their own pokja, empty or not), so the filters reveal no one else's work.
    """
    if actor.role in (ADMIN, LEADER):
        return all_pokjas(), all_agencies(), active_users()
    visible = sa.and_(visible_items_clause(actor), ActionItem.deleted_at.is_(None))

    def used(column):
        return sa.select(column).where(visible)

    coordinated = [pokja.id for pokja in actor.coordinated_pokjas]
    pokjas = sa.select(Pokja).where(sa.or_(Pokja.id.in_(used(ActionItem.pokja_id)),
                                           Pokja.id.in_(coordinated)))
    agencies = sa.select(Agency).where(Agency.id.in_(used(ActionItem.agency_id)))
    owners = sa.select(User).where(User.id.in_(used(ActionItem.owner_id)))
    return (list(db.session.scalars(pokjas.order_by(Pokja.name))),
            list(db.session.scalars(agencies.order_by(Agency.name))),
            list(db.session.scalars(owners.order_by(User.name))))
