"""Whose items a dashboard counts, and the item-list query that shows them.

The scope follows the role: leaders and admins see the whole plan, a
coordinator the pokja they coordinate, an agency head their agency, anyone
else their own items. A coordinator without a pokja, or an agency head
without an agency, gets their own items too. Filters (pokja, agency) narrow
the scope and may never widen it.

Every number on the dashboard links to ``/items`` with query arguments that
select exactly the items counted; :class:`ListQuery` builds them from the
same scope, so the count there equals the number here.
"""
from dataclasses import dataclass, field
from urllib.parse import urlencode

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.checks import require_reader
from rbtasks.roles import ADMIN, AGENCY_HEAD, COORDINATOR, LEADER
from rbtasks.errors import ValidationError
from rbtasks.extensions import db
from rbtasks.inputs.ids import is_id, number_argument
from rbtasks.items.models import ActionItem
from rbtasks.items.queries import MAX_POKJA_FILTERS
from rbtasks.organisation.models import Agency, Pokja, pokja_coordinator

PLAN, POKJA, AGENCY, OWNER = "plan", "pokja", "agency", "owner"


@dataclass(frozen=True)
class ListQuery:
    """Query-string arguments of the item list, as ordered (name, value) pairs."""

    pairs: tuple[tuple[str, str], ...] = ()

    def plus(self, **extra):
        """A copy with ``extra`` arguments added (a list value repeats the name)."""
        pairs = list(self.pairs)
        for name, value in extra.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            pairs.extend((name, str(one)) for one in values)
        return ListQuery(tuple(pairs))

    def replacing(self, **extra):
        """A copy whose arguments named in ``extra`` are replaced."""
        kept = ListQuery(tuple(pair for pair in self.pairs if pair[0] not in extra))
        return kept.plus(**extra)

    @property
    def args(self):
        """For ``url_for``: {name: [values]}."""
        grouped = {}
        for name, value in self.pairs:
            grouped.setdefault(name, []).append(value)
        return grouped

    @property
    def query_string(self):
        return urlencode(self.pairs, safe=",")

    def __str__(self):
        return self.query_string


@dataclass(frozen=True)
class Scope:
    """The items a dashboard counts: ``kind`` says why (plan, pokja, agency,
    owner); ``pokja_ids`` (None = any), ``agency_id`` and ``owner_id`` narrow."""

    kind: str
    pokja_ids: tuple[int, ...] | None = None
    agency_id: int | None = None
    owner_id: int | None = None
    filtered: bool = False
    base_query: ListQuery = field(default_factory=ListQuery)

    def clauses(self):
        """WHERE clauses for ActionItem rows in the scope (deleted ones excluded)."""
        clauses = [ActionItem.deleted_at.is_(None)]
        if self.pokja_ids is not None:
            clauses.append(ActionItem.pokja_id.in_(self.pokja_ids) if self.pokja_ids
                           else sa.false())
        if self.agency_id is not None:
            clauses.append(ActionItem.agency_id == self.agency_id)
        if self.owner_id is not None:
            clauses.append(ActionItem.owner_id == self.owner_id)
        return clauses


def _coordinated_pokja_ids(actor):
    rows = db.session.scalars(sa.select(pokja_coordinator.c.pokja_id)
                              .where(pokja_coordinator.c.user_id == actor.id)
                              .order_by(pokja_coordinator.c.pokja_id))
    return tuple(rows)


def _role_scope(actor):
    """(kind, pokja_ids, agency_id, owner_id) for the actor's role, unfiltered."""
    if actor.role in (ADMIN, LEADER):
        return PLAN, None, None, None
    if actor.role == COORDINATOR:
        coordinated = _coordinated_pokja_ids(actor)
        if coordinated:
            return POKJA, coordinated, None, None
    if actor.role == AGENCY_HEAD and actor.agency_id is not None:
        return AGENCY, None, actor.agency_id, None
    return OWNER, None, None, actor.id


def _clean_ids(pokja_ids, agency_id):
    errors = {}
    ids = list(dict.fromkeys(pokja_ids or ()))
    if len(ids) > MAX_POKJA_FILTERS or not all(is_id(i) for i in ids):
        errors["pokja_id"] = _("Choose pokja from the list.")
    if agency_id is not None and not is_id(agency_id):
        errors["agency_id"] = _("Choose an agency from the list.")
    if errors:
        raise ValidationError(_("Some filters are not valid."), errors)
    return ids


def resolve_scope(actor, pokja_ids=None, agency_id=None):
    """The actor's scope narrowed by the filters, or a ValidationError (422)
    naming the filter that points outside it or at nothing."""
    require_reader(actor)
    ids = _clean_ids(pokja_ids, agency_id)
    kind, scope_pokjas, scope_agency, owner_id = _role_scope(actor)
    errors = {}
    if ids:
        allowed = set(scope_pokjas) if scope_pokjas is not None else set(db.session.scalars(
            sa.select(Pokja.id).where(Pokja.id.in_(ids))))
        if not set(ids) <= allowed:
            errors["pokja_id"] = _("That pokja is not in your dashboard.")
        scope_pokjas = tuple(ids)
    if agency_id is not None:
        if scope_agency is not None:
            allowed_agency = agency_id == scope_agency
        else:
            allowed_agency = db.session.get(Agency, agency_id) is not None
        if not allowed_agency:
            errors["agency_id"] = _("That agency is not in your dashboard.")
        scope_agency = agency_id
    if errors:
        raise ValidationError(_("Some filters are not valid."), errors)
    base = ListQuery()
    if scope_pokjas is not None:
        base = base.plus(pokja_id=list(scope_pokjas))
    if scope_agency is not None:
        base = base.plus(agency_id=scope_agency)
    if owner_id is not None:
        base = base.plus(owner_id=owner_id)
    return Scope(kind=kind, pokja_ids=scope_pokjas, agency_id=scope_agency, owner_id=owner_id,
                 filtered=bool(ids) or agency_id is not None, base_query=base)


def filter_options(actor):
    """(pokjas, agencies) the dashboard's filter selects offer ``actor``."""
    require_reader(actor)
    kind, scope_pokjas, scope_agency, _owner = _role_scope(actor)
    pokjas = sa.select(Pokja).order_by(Pokja.name)
    if scope_pokjas is not None:
        pokjas = pokjas.where(Pokja.id.in_(scope_pokjas))
    agencies = sa.select(Agency).order_by(Agency.name)
    if scope_agency is not None:
        agencies = agencies.where(Agency.id == scope_agency)
    return list(db.session.scalars(pokjas)), list(db.session.scalars(agencies))


def filters_from_args(args):
    """(pokja_ids, agency_id) from query-string arguments; ``pokja_id`` may
    repeat. A value that is not a whole number is a ValidationError."""
    errors = {}
    pokja_ids = []
    for raw in args.getlist("pokja_id"):
        if raw.strip():
            pokja_ids.append(number_argument(raw, "pokja_id", errors))
    agency_id = number_argument(args.get("agency_id"), "agency_id", errors)
    if errors:
        raise ValidationError(_("Some filters are not valid."), errors)
    return pokja_ids, agency_id
