"""Whose items a monev report covers, and who may ask for it.

The report is the monev meeting's document, so it is for those who oversee
items: leaders and admins (the whole plan, any pokja, any agency), a
coordinator (the pokja they coordinate) and an agency head (their agency).
Members, who see only their own items on the dashboard, get 403, as does a
coordinator without a pokja or an agency head without an agency. A pokja or
agency outside what the user oversees is 403; one that does not exist, 404.
A pokja and an agency together narrow to the pokja's items in the agency.
"""
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.checks import require_reader
from rbtasks.dashboard.scope import AGENCY, PLAN, POKJA, Scope
from rbtasks.errors import NotFound, PermissionDenied
from rbtasks.extensions import db
from rbtasks.organisation.models import Agency, Pokja, pokja_coordinator
from rbtasks.roles import ADMIN, AGENCY_HEAD, COORDINATOR, LEADER


@dataclass(frozen=True)
class ReportScope:
    scope: Scope
    pokjas: tuple  # the pokja named or coordinated (empty: any)
    agency: Agency | None


def may_read_reports(actor):
    """Whether ``actor`` may ask for a monev report at all (for links)."""
    if actor is None or not getattr(actor, "active", False):
        return False
    if actor.role in (ADMIN, LEADER):
        return True
    if actor.role == COORDINATOR:
        return bool(_coordinated(actor))
    return actor.role == AGENCY_HEAD and actor.agency_id is not None


def _coordinated(actor):
    return tuple(db.session.scalars(
        sa.select(pokja_coordinator.c.pokja_id).where(pokja_coordinator.c.user_id == actor.id)
        .order_by(pokja_coordinator.c.pokja_id)))


def _refuse():
    raise PermissionDenied(_("The monev report is for the RB team, pokja coordinators and "
                             "agency heads, each for what they oversee."))


def report_scope(actor, pokja_id=None, agency_id=None):
    """The :class:`ReportScope` of ``actor``'s report, narrowed by the ids."""
    require_reader(actor)
    pokja = agency = None
    if pokja_id is not None:
        pokja = db.session.get(Pokja, pokja_id)
        if pokja is None:
            raise NotFound(_("No such pokja."))
    if agency_id is not None:
        agency = db.session.get(Agency, agency_id)
        if agency is None:
            raise NotFound(_("No such agency."))
    if not may_read_reports(actor):
        _refuse()
    kind = PLAN
    pokja_ids = (pokja.id,) if pokja else None
    if actor.role == COORDINATOR:
        coordinated = _coordinated(actor)
        if pokja is not None and pokja.id not in coordinated:
            _refuse()
        kind, pokja_ids = POKJA, pokja_ids or coordinated
    elif actor.role == AGENCY_HEAD:
        if agency is not None and agency.id != actor.agency_id:
            _refuse()
        kind, agency = AGENCY, db.session.get(Agency, actor.agency_id)
    pokjas = tuple(db.session.scalars(sa.select(Pokja).where(Pokja.id.in_(pokja_ids))
                                      .order_by(Pokja.name))) if pokja_ids else ()
    scope = Scope(kind=kind, pokja_ids=pokja_ids, agency_id=agency.id if agency else None,
                  filtered=pokja is not None or agency_id is not None)
    return ReportScope(scope=scope, pokjas=pokjas, agency=agency)
