"""Finding the agency and the owner a sheet row names, never inventing them.

Agencies are matched by code or by name, ignoring case and spacing
("biro  organisasi" is "Biro Organisasi", "biro-org" is not). Owners by email
first, then by their exact name (case and spacing aside: titles and commas
count, "Oktavianus Pello, S.H., M.H.") among the active users who work in the
row's agency or a unit under it. A name that fits nobody, or several people,
is an error for that cell.
"""
import re
import unicodedata

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.organisation.models import Agency
from rbtasks.spreadsheets.values import CellError


def _spacing_and_case(text):
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"\s+", " ", text).strip()


def _no_spaces(text):
    return _spacing_and_case(text).replace(" ", "")


class Directory:
    """Every agency and active user, loaded once per import."""

    def __init__(self):
        agencies = db.session.execute(sa.select(Agency.id, Agency.code, Agency.name,
                                                Agency.parent_id)).all()
        self.parents = {row.id: row.parent_id for row in agencies}
        self.agency_names = {row.id: row.name for row in agencies}
        self._by_code, self._by_name = {}, {}
        for row in agencies:
            self._by_code.setdefault(_no_spaces(row.code), set()).add(row.id)
            self._by_name.setdefault(_no_spaces(row.name), set()).add(row.id)
        users = db.session.execute(sa.select(User.id, User.name, User.email, User.agency_id)
                                   .where(User.active.is_(True))).all()
        self._by_email = {row.email.casefold(): row for row in users}
        self._by_person_name = {}
        for row in users:
            self._by_person_name.setdefault(_spacing_and_case(row.name), []).append(row)

    def agency(self, text):
        """The id of the agency ``text`` names; raises CellError otherwise."""
        key = _no_spaces(text)
        found = self._by_code.get(key) or self._by_name.get(key) or set()
        if len(found) == 1:
            return next(iter(found))
        if found:
            raise CellError(_("Several agencies are called “%(name)s”; write the agency's "
                              "code instead.", name=text))
        raise CellError(_("No agency has the code or name “%(name)s”.", name=text))

    def owner(self, text, agency_id):
        """The id of the active user ``text`` names (an email, or a name in ``agency_id``;
        None without an agency, whose own error blocks the row)."""
        by_email = self._by_email.get(_spacing_and_case(text))
        if by_email is not None:
            return by_email.id
        if agency_id is None:  # the row's agency is missing or wrong: reported there
            return None
        candidates = self._by_person_name.get(_spacing_and_case(text), [])
        within = [row for row in candidates if self.works_in(row.agency_id, agency_id)]
        if len(within) == 1:
            return within[0].id
        agency = self.agency_names.get(agency_id, "")
        if within:
            raise CellError(_("Several people in %(agency)s are called “%(name)s”; write "
                              "the owner's email instead.", agency=agency, name=text))
        raise CellError(_("Nobody called “%(name)s” works in %(agency)s or a unit under it; "
                          "write the owner's email, or add them as a user first.",
                          name=text, agency=agency))

    def works_in(self, owner_agency_id, agency_id):
        seen = set()
        while owner_agency_id is not None and owner_agency_id not in seen:
            if owner_agency_id == agency_id:
                return True
            seen.add(owner_agency_id)
            owner_agency_id = self.parents.get(owner_agency_id)
        return False
