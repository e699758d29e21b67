"""Which feeds a user may subscribe to, and the items each one carries.

A feed is read with the permissions of the user whose token is in its
address: "my items" (the items they own) for everyone; a pokja's items for
admins, leaders and the pokja's coordinators and members; an agency's items
for admins, leaders and the agency's head. A pokja or agency the user may
not follow is "not found", exactly like one that does not exist. Every feed
also keeps to the items the user may read at all (the item list's rule),
so a feed never shows more than the list would.

Only open items are carried (deleted, done and cancelled ones are not; an
item waiting for verification still has its deadline), due from two months
before today to twelve months after it, in the province's calendar.
"""
import calendar
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from rbtasks.errors import NotFound
from rbtasks.extensions import db
from rbtasks.items.constants import CANCELLED, DONE
from rbtasks.items.models import ActionItem
from rbtasks.items.permissions import visible_items_clause
from rbtasks.organisation.models import Agency, Pokja, pokja_coordinator, pokja_member
from rbtasks.roles import ADMIN, AGENCY_HEAD, COORDINATOR, LEADER
from rbtasks.timeutil import local_today

MINE, POKJA, AGENCY = "mine", "pokja", "agency"
MONTHS_BACK, MONTHS_AHEAD = 2, 12
CLOSED_STATUSES = (DONE, CANCELLED)


@dataclass(frozen=True)
class FeedScope:
    """What one feed shows: its kind, the pokja's or agency's id and name."""

    kind: str
    id: int | None = None
    name: str = ""


# ---- who may follow what ---------------------------------------------------------

def _sees_everything(user):
    return user.role in (ADMIN, LEADER)


def _followed_pokja_clause(user):
    if _sees_everything(user):
        return sa.true()
    ids = sa.select(pokja_member.c.pokja_id).where(pokja_member.c.user_id == user.id)
    if user.role == COORDINATOR:
        ids = ids.union(sa.select(pokja_coordinator.c.pokja_id)
                        .where(pokja_coordinator.c.user_id == user.id))
    return Pokja.id.in_(ids)


def _followed_agency_clause(user):
    if _sees_everything(user):
        return sa.true()
    if user.role == AGENCY_HEAD and user.agency_id is not None:
        return Agency.id == user.agency_id
    return sa.false()


def followed_scopes(user):
    """Every feed ``user`` may subscribe to: theirs, then pokja, then agencies, by name."""
    pokjas = db.session.execute(sa.select(Pokja.id, Pokja.name)
                                .where(_followed_pokja_clause(user)).order_by(Pokja.name))
    agencies = db.session.execute(sa.select(Agency.id, Agency.name)
                                  .where(_followed_agency_clause(user)).order_by(Agency.name))
    return [FeedScope(MINE),
            *(FeedScope(POKJA, row.id, row.name) for row in pokjas),
            *(FeedScope(AGENCY, row.id, row.name) for row in agencies)]


def pokja_scope(user, pokja_id):
    """The pokja feed ``user`` may follow; NotFound for any other pokja."""
    name = db.session.scalar(sa.select(Pokja.name)
                             .where(Pokja.id == pokja_id, _followed_pokja_clause(user)))
    if name is None:
        raise NotFound(_("Not found."))
    return FeedScope(POKJA, pokja_id, name)


def agency_scope(user, agency_id):
    """The agency feed ``user`` may follow; NotFound for any other agency."""
    name = db.session.scalar(sa.select(Agency.name)
                             .where(Agency.id == agency_id, _followed_agency_clause(user)))
    if name is None:
        raise NotFound(_("Not found."))
    return FeedScope(AGENCY, agency_id, name)


# ---- what a feed carries -------------------------------------------------------------

def _shift_months(day, months):
    """The same day ``months`` later (or earlier), kept within the month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def feed_window(now):
    """(first, last) due date a feed carries, both included, in the province's calendar."""
    today = local_today(now)
    return _shift_months(today, -MONTHS_BACK), _shift_months(today, MONTHS_AHEAD)


def _scope_clause(user, scope):
    if scope.kind == MINE:
        return ActionItem.owner_id == user.id
    if scope.kind == POKJA:
        return ActionItem.pokja_id == scope.id
    return ActionItem.agency_id == scope.id


def feed_items(user, scope, now):
    """The open items of ``scope`` that ``user`` may read, due in the window,
    by due date, with their pokja, agency and owner: one query."""
    first, last = feed_window(now)
    statement = (
        sa.select(ActionItem)
        .options(joinedload(ActionItem.pokja), joinedload(ActionItem.agency),
                 joinedload(ActionItem.owner))
        .where(_scope_clause(user, scope), visible_items_clause(user),
               ActionItem.deleted_at.is_(None), ActionItem.status.notin_(CLOSED_STATUSES),
               ActionItem.due_date >= first, ActionItem.due_date <= last)
        .order_by(ActionItem.due_date, ActionItem.id)
    )
    return list(db.session.scalars(statement).unique())
