"""The people a notice goes to by its kind's audience (rbtasks/notices/kinds.py)."""
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.notices.kinds import AGENCY_HEADS, COORDINATORS, OWNER
from rbtasks.organisation.models import Pokja
from rbtasks.roles import AGENCY_HEAD


def agency_heads(item):
    """The accounts heading the item's agency (an agency head's address
    without an account gets the reminders' escalations, not notices)."""
    return list(db.session.scalars(
        sa.select(User).where(User.role == AGENCY_HEAD, User.agency_id == item.agency_id,
                              User.active.is_(True)).order_by(User.id)))


def audience(names, item):
    """The users the names stand for, for ``item`` (duplicates possible)."""
    people = []
    for name in names:
        # By id: a service may have just changed the owner or the pokja, and
        # the item's relationships still hold the old ones until it is expired.
        if name == OWNER:
            people.append(db.session.get(User, item.owner_id) if item.owner_id else None)
        elif name == COORDINATORS:
            pokja = db.session.get(Pokja, item.pokja_id)
            people.extend(pokja.coordinators if pokja is not None else ())
        elif name == AGENCY_HEADS:
            people.extend(agency_heads(item))
    return people
