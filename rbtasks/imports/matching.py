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

from flask_babel import gettext as _

from rbtasks.items.fields import works_in
from rbtasks.spreadsheets.values import CellError


def _spacing_and_case(text):
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return re.sub(r"\s+", " ", text).strip()


def _no_spaces(text):
    return _spacing_and_case(text).replace(" ", "")


class Directory:
    """Every agency and active user, as the import's references loaded them
    (rbtasks/items/references.py ``LoadedReferences``), indexed by what a sheet writes."""

    def __init__(self, references):
        self.references = references
        self.agency_names = {row.id: row.name for row in references.agencies}
        self._by_code, self._by_name = {}, {}
        for row in references.agencies:
            self._by_code.setdefault(_no_spaces(row.code), set()).add(row.id)
            self._by_name.setdefault(_no_spaces(row.name), set()).add(row.id)
        self._by_email = {row.email.casefold(): row for row in references.users}
        self._by_person_name = {}
        for row in references.users:
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
        within = [row for row in candidates
                  if works_in(row.agency_id, agency_id, self.references)]
        if len(within) == 1:
            return within[0].id
        agency = self.agency_names.get(agency_id, "")
        if within:
            raise CellError(_("Several people in %(agency)s are called “%(name)s”; write "
                              "the owner's email instead.", agency=agency, name=text))
        raise CellError(_("Nobody called “%(name)s” works in %(agency)s or a unit under it; "
                          "write the owner's email, or add them as a user first.",
                          name=text, agency=agency))
