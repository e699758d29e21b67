"""Who receives the weekly digest, and for which part of the plan."""
from dataclasses import dataclass

import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.roles import COORDINATOR, LEADER
from rbtasks.extensions import db
from rbtasks.organisation.models import pokja_coordinator


@dataclass(frozen=True)
class DigestRecipient:
    """One recipient and their scope: ``pokja_ids`` None means the whole plan."""

    user: User
    pokja_ids: tuple | None

    @property
    def email(self):
        return self.user.email

    @property
    def scope_key(self):
        return ("all",) if self.pokja_ids is None else ("pokja", *self.pokja_ids)


def digest_recipients():
    """Every active RB team leader (the whole plan), then every active
    coordinator who has not turned the digest off (their own pokja), each
    ordered by email. A coordinator without a pokja gets nothing. Two queries."""
    leaders = db.session.scalars(
        sa.select(User).where(User.role == LEADER, User.active.is_(True)).order_by(User.email)
    ).all()
    rows = db.session.execute(
        sa.select(User, pokja_coordinator.c.pokja_id)
        .join(pokja_coordinator, pokja_coordinator.c.user_id == User.id)
        .where(User.role == COORDINATOR, User.active.is_(True), User.wants_digest.is_(True))
        .order_by(User.email, pokja_coordinator.c.pokja_id)
    ).all()
    coordinators, pokjas = {}, {}
    for user, pokja_id in rows:
        coordinators[user.id] = user
        pokjas.setdefault(user.id, []).append(pokja_id)
    return ([DigestRecipient(user, None) for user in leaders]
            + [DigestRecipient(user, tuple(pokjas[user_id]))
               for user_id, user in coordinators.items()])
