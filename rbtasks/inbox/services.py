"""What waits for someone: the items they should verify and the requests they should decide.

A coordinator verifies the submitted items of the pokja they coordinate and
decides their pending deadline extensions; an admin may do both for any
pokja. Nobody verifies their own item or decides their own request, so
those are left out. The dashboard and "My tasks" both show this list.
"""
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload

from rbtasks.roles import ADMIN, COORDINATOR
from rbtasks.deadlines.models import PENDING, ExtensionRequest
from rbtasks.extensions import db
from rbtasks.items.constants import SUBMITTED
from rbtasks.items.models import ActionItem

LIMIT = 50


@dataclass
class Waiting:
    """Up to ``LIMIT`` of each, oldest first, and how many there are in all."""

    verifications: list = field(default_factory=list)
    verifications_total: int = 0
    extensions: list = field(default_factory=list)
    extensions_total: int = 0

    def __bool__(self):
        return bool(self.verifications_total or self.extensions_total)


def _decided_by(actor):
    """A WHERE clause for the items whose pokja ``actor`` decides for, or None for none."""
    if actor.role == ADMIN:
        return sa.true()
    pokja_ids = [pokja.id for pokja in actor.coordinated_pokjas]
    if actor.role != COORDINATOR or not pokja_ids:
        return None
    return ActionItem.pokja_id.in_(pokja_ids)


def waiting_for(actor, limit=LIMIT):
    """The submitted items ``actor`` may verify and the pending extension
    requests ``actor`` may decide, each with its total."""
    scope = _decided_by(actor)
    if scope is None:
        return Waiting()
    live = [scope, ActionItem.deleted_at.is_(None)]
    to_verify = [*live, ActionItem.status == SUBMITTED,
                 sa.or_(ActionItem.owner_id.is_(None), ActionItem.owner_id != actor.id)]
    to_decide = [*live, ExtensionRequest.status == PENDING,
                 sa.or_(ExtensionRequest.requested_by_id.is_(None),
                        ExtensionRequest.requested_by_id != actor.id)]
    verifications = db.session.scalars(
        sa.select(ActionItem).where(*to_verify)
        .options(joinedload(ActionItem.pokja), joinedload(ActionItem.owner))
        .order_by(ActionItem.updated_at, ActionItem.id).limit(limit)
    ).all()
    extensions = db.session.scalars(
        sa.select(ExtensionRequest).join(ActionItem, ActionItem.id == ExtensionRequest.item_id)
        .where(*to_decide)
        .options(contains_eager(ExtensionRequest.item), joinedload(ExtensionRequest.requested_by))
        .order_by(ExtensionRequest.requested_at, ExtensionRequest.id).limit(limit)
    ).all()
    return Waiting(
        verifications=list(verifications),
        verifications_total=_count(sa.select(sa.func.count(ActionItem.id)).where(*to_verify)),
        extensions=list(extensions),
        extensions_total=_count(
            sa.select(sa.func.count(ExtensionRequest.id))
            .join(ActionItem, ActionItem.id == ExtensionRequest.item_id).where(*to_decide)),
    )


def _count(statement):
    return db.session.scalar(statement) or 0
