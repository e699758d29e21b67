"""What the item forms and filters offer to pick from."""
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.roles import ADMIN
from rbtasks.extensions import db
from rbtasks.organisation.models import Agency, Pokja


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
