"""The statements behind "Perlu tindakan": one per kind of duty, each reading
plain rows (the item with its pokja, agency and owner, and what the duty
adds), so the whole list costs the same few statements however many items
wait.

Each source stays inside what its reader may see: the pokja they decide
for, the items they own, their agency, or (leaders) the whole plan.
"""
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


def _items(*columns):
    """The live items with what every entry shows, and ``columns``."""
    return (
        sa.select(ActionItem.id.label("item_id"), ActionItem.title, ActionItem.status,
                  ActionItem.due_date, ActionItem.owner_id, ActionItem.agency_id,
                  Pokja.name.label("pokja_name"), Agency.name.label("agency_name"),
                  _OWNER.name.label("owner_name"), *columns)
        .join(Pokja, Pokja.id == ActionItem.pokja_id)
        .join(Agency, Agency.id == ActionItem.agency_id)
        .outerjoin(_OWNER, _OWNER.id == ActionItem.owner_id)
        .where(ActionItem.deleted_at.is_(None))
    )


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
    """The submitted items ``actor`` may verify: never their own."""
    scope = _decided_by(actor)
    if scope is None:
        return []
    return db.session.execute(
        _items(ActionItem.submitted_at)
        .where(scope, ActionItem.status == SUBMITTED,
               sa.or_(ActionItem.owner_id.is_(None), ActionItem.owner_id != actor.id))
        .order_by(ActionItem.submitted_at, ActionItem.id)
    ).all()


def extensions_to_decide(actor):
    """The pending extension requests ``actor`` may decide: never their own."""
    scope = _decided_by(actor)
    if scope is None:
        return []
    return db.session.execute(
        _items(ExtensionRequest.id.label("extension_id"), ExtensionRequest.old_due_date,
               ExtensionRequest.new_due_date, ExtensionRequest.requested_at,
               _OTHER_PERSON.name.label("requested_by"))
        .join(ExtensionRequest, ExtensionRequest.item_id == ActionItem.id)
        .outerjoin(_OTHER_PERSON, _OTHER_PERSON.id == ExtensionRequest.requested_by_id)
        .where(scope, ExtensionRequest.status == PENDING,
               sa.or_(ExtensionRequest.requested_by_id.is_(None),
                      ExtensionRequest.requested_by_id != actor.id))
        .order_by(ExtensionRequest.requested_at, ExtensionRequest.id)
    ).all()


def returned_to(actor):
    """``actor``'s items a coordinator returned, with who returned them, when and why
    (the item page's "returned" panel, rbtasks/workflow, for many items at once)."""
    mine = ActionItem.owner_id == actor.id
    return db.session.execute(
        _items(ActivityEntry.at.label("returned_at"), ActivityEntry.note,
               _OTHER_PERSON.name.label("returned_by"))
        .join(ActivityEntry, ActivityEntry.item_id == ActionItem.id)
        .outerjoin(_OTHER_PERSON, _OTHER_PERSON.id == ActivityEntry.actor_id)
        .where(mine, ActivityEntry.id.in_(
            pending_return_ids(mine, ActionItem.deleted_at.is_(None))))
        .order_by(ActivityEntry.at, ActionItem.id)
    ).all()


def watched_deadlines(actor, today, escalation_2_first):
    """Open items whose deadline concerns ``actor``: their own items due within
    DUE_SOON_DAYS or overdue; an agency head's agency's overdue items; for a
    leader, the items overdue long enough to be at escalation level 2
    (``escalation_2_first`` working days are at least as many calendar days;
    the reminders' own rules then decide, rbtasks/inbox/services.py)."""
    scopes = [sa.and_(ActionItem.owner_id == actor.id,
                      ActionItem.due_date <= today + timedelta(days=DUE_SOON_DAYS))]
    if actor.role == AGENCY_HEAD and actor.agency_id is not None:
        scopes.append(sa.and_(ActionItem.agency_id == actor.agency_id,
                              ActionItem.due_date < today))
    if actor.role == LEADER:
        scopes.append(ActionItem.due_date <= today - timedelta(days=escalation_2_first))
    return db.session.execute(
        _items().where(ActionItem.status.in_(OPEN_STATUSES), sa.or_(*scopes))
        .order_by(ActionItem.due_date, ActionItem.id)
    ).all()
