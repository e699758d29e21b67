"""Who receives each reminder stage, and why.

The people involved are loaded once per sweep (:meth:`Directory.load`, three
queries whatever the number of items), then :func:`recipients_for` answers
for each item and stage from memory.
"""
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.roles import LEADER
from rbtasks.extensions import db
from rbtasks.organisation.models import pokja_coordinator
from rbtasks.reminders.stages import BEFORE, ESCALATION_1, ESCALATION_2, OVERDUE, WAITING

# Why someone receives a reminder; the email's footer says so.
OWNER = "owner"
STAND_IN = "stand_in"        # a coordinator receiving the notices of an item without an owner
AGENCY_HEAD = "agency_head"
LEADER_REASON = "leader"
COORDINATOR = "coordinator"
REASONS = (OWNER, STAND_IN, AGENCY_HEAD, LEADER_REASON, COORDINATOR)

DEFAULT_LOCALE = "id"


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    locale: str
    user_id: int | None
    reason: str


def _person(user_id, name, email, locale, reason):
    return Recipient(email=email.strip().lower(), name=name, locale=locale or DEFAULT_LOCALE,
                     user_id=user_id, reason=reason)


class Directory:
    """The active coordinators of every pokja, the active leaders, and the
    accounts (if any) of the agency heads, for one sweep."""

    def __init__(self, coordinators, leaders, users_by_email):
        self.coordinators = coordinators          # {pokja_id: [(id, name, email, locale)]}
        self.leaders = leaders                    # [(id, name, email, locale)]
        self.users_by_email = users_by_email      # {email: (id, name, email, locale)}

    @classmethod
    def load(cls, head_emails=()):
        person = (User.id, User.name, User.email, User.locale)
        coordinators = defaultdict(list)
        rows = db.session.execute(
            sa.select(pokja_coordinator.c.pokja_id, *person)
            .join(User, User.id == pokja_coordinator.c.user_id)
            .where(User.active.is_(True))
            .order_by(User.name, User.id)
        )
        for pokja_id, *user in rows:
            coordinators[pokja_id].append(tuple(user))
        leaders = [tuple(row) for row in db.session.execute(
            sa.select(*person).where(User.role == LEADER, User.active.is_(True))
            .order_by(User.name, User.id)
        )]
        emails = sorted({email.strip().lower() for email in head_emails if email})
        users_by_email = {}
        if emails:
            for row in db.session.execute(sa.select(*person).where(User.email.in_(emails))):
                users_by_email[row.email] = tuple(row)
        return cls(dict(coordinators), leaders, users_by_email)

    def coordinators_of(self, pokja_id, reason=COORDINATOR):
        return [_person(*user, reason) for user in self.coordinators.get(pokja_id, ())]

    def agency_head(self, head_email, head_name):
        """The head of an agency: they need no account; when one exists with
        the head's email, its name and language are used."""
        email = (head_email or "").strip().lower()
        if not email:
            return []
        user = self.users_by_email.get(email)
        if user is not None:
            return [_person(*user, AGENCY_HEAD)]
        return [_person(None, head_name or "", email, DEFAULT_LOCALE, AGENCY_HEAD)]


def recipients_for(stage, item, directory):
    """The recipients of ``stage`` for ``item`` (a candidate row, see
    rbtasks/reminders/candidates.py), without duplicates."""
    if stage in (BEFORE, OVERDUE):
        if item.owner_id is not None and item.owner_active:
            people = [_person(item.owner_id, item.owner_name, item.owner_email,
                              item.owner_locale, OWNER)]
        else:
            people = directory.coordinators_of(item.pokja_id, STAND_IN)
    elif stage == ESCALATION_1:
        people = directory.agency_head(item.head_email, item.head_name)
    elif stage == ESCALATION_2:
        people = [_person(*user, LEADER_REASON) for user in directory.leaders]
        people += directory.coordinators_of(item.pokja_id)
    elif stage == WAITING:
        people = directory.coordinators_of(item.pokja_id)
    else:
        raise ValueError(f"unknown stage {stage!r}")
    unique = {}
    for person in people:
        unique.setdefault(person.email, person)
    return list(unique.values())
