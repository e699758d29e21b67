"""The statements behind "Perlu tindakan": one per kind of duty, each selecting
plain rows (the item with its pokja, agency and owner, and what the duty
adds), so the whole list costs the same few statements however many items
wait.

Each source stays inside what its reader may see: the pokja they decide
for, the items they own, their agency, or (leaders) the whole plan. The
sources that can grow with the plan (to verify, to decide, an agency's or the
plan's overdue items) are ordered as their entries are, so a page reads only
its first rows (:func:`rows`). Each source is a :class:`Source`: the bare
statement selecting its items' ids, and the same with what the entries show;
:func:`count_items` counts the items of several sources from the bare ones.
"""
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from rbtasks.accounts.models import User
from rbtasks.deadlines.models import PENDING, ExtensionRequest
from rbtasks.extensions import db
from rbtasks.items.constants import OPEN_STATUSES, SUBMITTED
from rbtasks.items.models import ActionItem, ActivityEntry
from rbtasks.organisation.models import Agency, Pokja, pokja_coordinator
from rbtasks.roles import ADMIN, AGENCY_HEAD, COORDINATOR, LEADER
from rbtasks.workflow.services import pending_return_ids

# Owners see their open items due within this many days (and every overdue one).
DUE_SOON_DAYS = 7

_OWNER = aliased(User, name="owner")
_OTHER_PERSON = aliased(User, name="other_person")   # the requester, the returner


@dataclass(frozen=True)
class Source:
    """``ids``: the items' ids (``item_id``), with only the joins that choose
    them; ``rows``: the same rows with what the entries show, in their order."""

    ids: sa.Select
    rows: sa.Select


def _live(*conditions):
    return sa.select(ActionItem.id.label("item_id")).where(ActionItem.deleted_at.is_(None),
                                                           *conditions)


def _source(ids, order_by, *columns, joins=()):
    """The source of ``ids`` whose rows also show the item with its pokja,
    agency and owner, ``columns`` (from ``joins``), ordered by ``order_by``."""
    rows = (
        ids.add_columns(ActionItem.title, ActionItem.status, ActionItem.due_date,
                        ActionItem.owner_id, ActionItem.agency_id,
                        Pokja.name.label("pokja_name"), Agency.name.label("agency_name"),
                        _OWNER.name.label("owner_name"), *columns)
        .join(Pokja, Pokja.id == ActionItem.pokja_id)
        .join(Agency, Agency.id == ActionItem.agency_id)
        .outerjoin(_OWNER, _OWNER.id == ActionItem.owner_id)
    )
    for target, on in joins:
        rows = rows.outerjoin(target, on)
    return Source(ids, rows.order_by(*order_by))


def _decided_by(actor):
    """A WHERE clause for the items whose pokja ``actor`` decides for (verifies,
    decides extensions): an admin every pokja, a coordinator theirs; None for none."""
    if actor.role == ADMIN:
        return sa.true()
    if actor.role != COORDINATOR:
        return None
    return ActionItem.pokja_id.in_(
        sa.select(pokja_coordinator.c.pokja_id).where(pokja_coordinator.c.user_id == actor.id))


def to_verify(actor):
    """The submitted items ``actor`` may verify, never their own, the longest
    waiting first (None for someone who verifies nothing)."""
    scope = _decided_by(actor)
    if scope is None:
        return None
    # An item without a submission time sorts first, as its entry does.
    return _source(
        _live(scope, ActionItem.status == SUBMITTED,
              sa.or_(ActionItem.owner_id.is_(None), ActionItem.owner_id != actor.id)),
        (sa.case((ActionItem.submitted_at.is_(None), 0), else_=1), ActionItem.submitted_at,
         ActionItem.id),
        ActionItem.submitted_at)


def extensions_to_decide(actor):
    """The pending extension requests ``actor`` may decide, never their own, the
    oldest first (None for someone who decides none)."""
    scope = _decided_by(actor)
    if scope is None:
        return None
    return _source(
        _live(scope, ExtensionRequest.status == PENDING,
              sa.or_(ExtensionRequest.requested_by_id.is_(None),
                     ExtensionRequest.requested_by_id != actor.id))
        .join(ExtensionRequest, ExtensionRequest.item_id == ActionItem.id),
        (ExtensionRequest.requested_at, ActionItem.id, ExtensionRequest.id),
        ExtensionRequest.id.label("extension_id"), ExtensionRequest.old_due_date,
        ExtensionRequest.new_due_date, ExtensionRequest.requested_at,
        _OTHER_PERSON.name.label("requested_by"),
        joins=[(_OTHER_PERSON, _OTHER_PERSON.id == ExtensionRequest.requested_by_id)])


def returned_to(actor):
    """``actor``'s items a coordinator returned, with who returned them, when and why
    (the item page's "returned" panel, rbtasks/workflow, for many items at once)."""
    mine = ActionItem.owner_id == actor.id
    return _source(
        _live(mine, ActivityEntry.id.in_(
            pending_return_ids(mine, ActionItem.deleted_at.is_(None))))
        .join(ActivityEntry, ActivityEntry.item_id == ActionItem.id),
        (ActivityEntry.at, ActionItem.id),
        ActivityEntry.at.label("returned_at"), ActivityEntry.note,
        _OTHER_PERSON.name.label("returned_by"),
        joins=[(_OTHER_PERSON, _OTHER_PERSON.id == ActivityEntry.actor_id)])


def own_deadlines(actor, today):
    """``actor``'s open items due within DUE_SOON_DAYS or overdue."""
    return _source(
        _live(ActionItem.status.in_(OPEN_STATUSES), ActionItem.owner_id == actor.id,
              ActionItem.due_date <= today + timedelta(days=DUE_SOON_DAYS)),
        (ActionItem.due_date, ActionItem.id))


def watched_overdue(actor, today, escalation_2_cutoff):
    """The overdue items ``actor`` watches for others, the longest overdue first: an
    agency head's agency's; for a leader, those due by ``escalation_2_cutoff``
    (the items at escalation level 2, rbtasks.reminders.stages). None for others."""
    if actor.role == AGENCY_HEAD and actor.agency_id is not None:
        watched = sa.and_(ActionItem.agency_id == actor.agency_id, ActionItem.due_date < today)
    elif actor.role == LEADER and escalation_2_cutoff is not None:
        watched = ActionItem.due_date <= escalation_2_cutoff
    else:
        return None
    return _source(_live(ActionItem.status.in_(OPEN_STATUSES), watched),
                   (ActionItem.due_date, ActionItem.id))


def due_between(source, first, last):
    """``source``'s items due from ``first`` to ``last``, inclusive."""
    due = ActionItem.due_date.between(first, last)
    return Source(source.ids.where(due), source.rows.where(due))


def rows(source, limit=None):
    """The rows of ``source`` (none for None), the first ``limit`` of them if given."""
    if source is None:
        return []
    statement = source.rows
    if limit is not None:
        statement = statement.limit(limit)
    return db.session.execute(statement).all()


def rows_of_items(source, item_ids):
    """The rows of ``source`` about the items ``item_ids``."""
    if source is None or not item_ids:
        return []
    return db.session.execute(source.rows.where(ActionItem.id.in_(item_ids))).all()


def count_items(sources):
    """How many distinct items ``sources`` (None skipped) hold, in one statement:
    the first source's items, plus each next one's not in any before it. Put the
    biggest first: it is counted straight from an index, the others' few items
    are looked up in it."""
    sources = [source for source in sources if source is not None]
    if not sources:
        return 0
    parts = []
    for index, source in enumerate(sources):
        these = source.ids.subquery()
        earlier = [~sa.exists(before.ids.where(ActionItem.id == these.c.item_id))
                   for before in sources[:index]]
        parts.append(sa.select(sa.func.count()).select_from(these).where(*earlier)
                     .scalar_subquery())
    return db.session.scalar(sa.select(sum(parts[1:], parts[0])))
