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


def pokja_people(agency_id=None):
    """(id, name) of the active people who belong to a pokja (members and
    coordinators), and those of ``agency_id`` if given: who can own an item
    made outside the item form, such as a self-assessment gap's, without
    offering every user of the province."""
    from rbtasks.organisation.models import pokja_coordinator, pokja_member

    belongs = User.id.in_(sa.union(sa.select(pokja_member.c.user_id),
                                   sa.select(pokja_coordinator.c.user_id)))
    if agency_id is not None:
        belongs = sa.or_(belongs, User.agency_id == agency_id)
    return db.session.execute(
        sa.select(User.id, User.name).where(User.active.is_(True), belongs)
        .order_by(User.name)).all()


def list_filter_options(actor, agency_id=None, owner_id=None):
    """(pokjas, agencies, owners) the item list's filters offer ``actor``, as
    rows of (id, name): a page of filters needs no more than that.

    Leaders and admins see the whole plan and are offered every pokja and
    agency; anyone else only what occurs in the items they may see (and a
    coordinator also their own pokja, empty or not), so the filters reveal
    no one else's work. People are many, so owners are offered only within
    the chosen agency (``agency_id``: its people and its units' people, or
    for anyone else the owners of the visible items there), plus the chosen
    owner: the page never lists every user of a province.
    """
    pokja_choice = sa.select(Pokja.id, Pokja.name).order_by(Pokja.name)
    agency_choice = sa.select(Agency.id, Agency.name).order_by(Agency.name)
    if actor.role in (ADMIN, LEADER):
        pokjas = db.session.execute(pokja_choice).all()
        agencies = db.session.execute(agency_choice).all()
        units = sa.select(Agency.id).where(sa.or_(Agency.id == agency_id,
                                                  Agency.parent_id == agency_id))
        people = sa.select(User.id).where(User.active.is_(True))
        in_agency = people.where(User.agency_id.in_(units))
    else:
        visible = sa.and_(visible_items_clause(actor), ActionItem.deleted_at.is_(None))

        def used(column, *where):
            return sa.select(column).where(visible, *where)

        coordinated = [pokja.id for pokja in actor.coordinated_pokjas]
        pokjas = db.session.execute(pokja_choice.where(
            sa.or_(Pokja.id.in_(used(ActionItem.pokja_id)), Pokja.id.in_(coordinated)))).all()
        agencies = db.session.execute(agency_choice.where(
            Agency.id.in_(used(ActionItem.agency_id)))).all()
        people = used(ActionItem.owner_id)
        in_agency = used(ActionItem.owner_id, ActionItem.agency_id == agency_id)
    offered = []
    if agency_id is not None:
        offered.append(User.id.in_(in_agency))
    if owner_id is not None:
        offered.append(sa.and_(User.id == owner_id, User.id.in_(people)))
    if not offered:
        return pokjas, agencies, []
    owners = sa.select(User.id, User.name).where(sa.or_(*offered)).order_by(User.name)
    return pokjas, agencies, db.session.execute(owners).all()
