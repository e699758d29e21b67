"""What happened last week: items completed, items that became overdue and
items escalated in the previous ISO week (province time).

Each list is one query for the whole plan, with the pokja on every row, so
the planner cuts it per recipient without asking the database again.
"""
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.items.constants import DONE, OPEN_STATUSES
from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import Agency, Pokja
from rbtasks.outbox.models import OutboxEntry, OutboxMessage
from rbtasks.reminders.stages import ESCALATION_1, ESCALATION_2

_ITEM_COLUMNS = (ActionItem.id, ActionItem.title, ActionItem.pokja_id,
                 Pokja.name.label("pokja_name"), ActionItem.agency_id,
                 Agency.name.label("agency_name"), ActionItem.due_date, ActionItem.status)


@dataclass
class LastWeek:
    """The previous ISO week's events for the whole plan."""

    monday: object             # date
    sunday: object             # date
    completed: list
    became_overdue: list
    escalated: list

    def for_pokjas(self, pokja_ids):
        """The same events limited to ``pokja_ids`` (None: the whole plan)."""
        if pokja_ids is None:
            return self
        wanted = set(pokja_ids)
        return LastWeek(
            monday=self.monday, sunday=self.sunday,
            completed=[row for row in self.completed if row.pokja_id in wanted],
            became_overdue=[row for row in self.became_overdue if row.pokja_id in wanted],
            escalated=[row for row in self.escalated if row.pokja_id in wanted],
        )


def _items(*where):
    return (sa.select(*_ITEM_COLUMNS)
            .join(Pokja, Pokja.id == ActionItem.pokja_id)
            .join(Agency, Agency.id == ActionItem.agency_id)
            .where(ActionItem.deleted_at.is_(None), *where))


def load_last_week(today, zone):
    """The events of the ISO week before ``today``'s; three queries."""
    this_monday = today - timedelta(days=today.weekday())
    monday, sunday = this_monday - timedelta(days=7), this_monday - timedelta(days=1)
    start = datetime.combine(monday, time(), tzinfo=zone)
    end = datetime.combine(this_monday, time(), tzinfo=zone)
    completed = db.session.execute(
        _items(ActionItem.status == DONE, ActionItem.completed_at >= start,
               ActionItem.completed_at < end)
        .add_columns(ActionItem.completed_at)
        .order_by(ActionItem.completed_at, ActionItem.id)
    ).all()
    became_overdue = db.session.execute(
        _items(ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_date >= monday,
               ActionItem.due_date <= sunday, ActionItem.due_date < today)
        .order_by(ActionItem.due_date, ActionItem.id)
    ).all()
    level = sa.func.max(sa.case((OutboxEntry.stage == ESCALATION_2, 2), else_=1))
    escalated = db.session.execute(
        _items(OutboxEntry.stage.in_((ESCALATION_1, ESCALATION_2)),
               OutboxMessage.planned_at >= start, OutboxMessage.planned_at < end)
        .join(OutboxEntry, OutboxEntry.item_id == ActionItem.id)
        .join(OutboxMessage, OutboxMessage.id == OutboxEntry.message_id)
        .add_columns(level.label("level"))
        .group_by(*_ITEM_COLUMNS)
        .order_by(ActionItem.due_date, ActionItem.id)
    ).all()
    return LastWeek(monday=monday, sunday=sunday, completed=completed,
                    became_overdue=became_overdue, escalated=escalated)
