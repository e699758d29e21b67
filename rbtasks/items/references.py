"""The pokjas, agencies and people an item refers to, as its validation asks about them.

Editing one item asks the database as it goes (:class:`StoredReferences`, a
query per question). Work on many items at once, such as an import, loads
them all first (:meth:`LoadedReferences.load`, three queries) and then checks
any number of items without another query. Both answer the same questions,
so the rules in rbtasks/items/fields.py are written once.
"""
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.organisation.models import Agency, Pokja

_MODELS = {"pokja_id": Pokja, "agency_id": Agency, "owner_id": User}


class StoredReferences:
    """Answers each question with a query: for changing one item."""

    def pokja_exists(self, pokja_id):
        return _exists(Pokja, pokja_id)

    def agency_exists(self, agency_id):
        return _exists(Agency, agency_id)

    def is_active_user(self, user_id):
        return user_id is not None and db.session.scalar(
            sa.select(User.id).where(User.id == user_id, User.active.is_(True))) is not None

    def agency_of(self, user_id):
        """The agency the (active) user works in."""
        return db.session.get(User, user_id).agency_id

    def parent_of(self, agency_id):
        return db.session.scalar(sa.select(Agency.parent_id).where(Agency.id == agency_id))

    def name(self, field, key):
        """The name of the pokja, agency or user ``field`` refers to, or None."""
        row = db.session.get(_MODELS[field], key)
        return row.name if row is not None else None


class LoadedReferences(StoredReferences):
    """Every pokja, agency and active user, loaded at once: for checking many items.

    ``agencies`` rows have id, code, name and parent_id; ``users`` rows (the
    active ones) id, name, email and agency_id, so that matching a sheet's
    names (rbtasks/imports/matching.py) needs no query of its own either.
    """

    def __init__(self, pokjas, agencies, users):
        self.pokjas, self.agencies, self.users = pokjas, agencies, users
        self._pokja_names = {row.id: row.name for row in pokjas}
        self._agencies = {row.id: row for row in agencies}
        self._users = {row.id: row for row in users}

    @classmethod
    def load(cls):
        return cls(
            db.session.execute(sa.select(Pokja.id, Pokja.name)).all(),
            db.session.execute(sa.select(Agency.id, Agency.code, Agency.name,
                                         Agency.parent_id)).all(),
            db.session.execute(sa.select(User.id, User.name, User.email, User.agency_id)
                               .where(User.active.is_(True))).all(),
        )

    def pokja_exists(self, pokja_id):
        return pokja_id in self._pokja_names

    def agency_exists(self, agency_id):
        return agency_id in self._agencies

    def is_active_user(self, user_id):
        return user_id in self._users

    def agency_of(self, user_id):
        return self._users[user_id].agency_id

    def parent_of(self, agency_id):
        row = self._agencies.get(agency_id)
        return row.parent_id if row is not None else None

    def name(self, field, key):
        if field == "pokja_id":
            found = self._pokja_names.get(key)
        else:
            row = (self._agencies if field == "agency_id" else self._users).get(key)
            found = row.name if row is not None else None
        # a former owner who is no longer active was not loaded
        return found if found is not None else super().name(field, key)


def _exists(model, key):
    return key is not None and db.session.scalar(
        sa.select(model.id).where(model.id == key)) is not None
