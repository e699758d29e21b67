"""The sweep's set-based queries: the items that may be due for a stage today,
and the outbox entries already planned for them.

Both are one query each, whatever the number of items, and read plain rows
(not ORM objects) so that 100,000 items stay cheap in time and memory.
"""
from datetime import datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from rbtasks.accounts.models import User
from rbtasks.extensions import db
from rbtasks.items.constants import OPEN_STATUSES, SUBMITTED
from rbtasks.items.models import ActionItem
from rbtasks.organisation.models import Agency, Pokja
from rbtasks.outbox.models import OutboxEntry
from rbtasks.reminders.stages import WAITING, before_horizon
from rbtasks.timeutil import province_zone


def _candidate_filter(today, policy, calendar):
    """Open items due on or before the last day a "before" reminder can be due
    today (every overdue item included), and submitted items that may have
    waited long enough for the coordinators to be reminded."""
    horizon = before_horizon(today, policy.lead_times, calendar)
    # Waiting needs at least `waiting_first` working days, so at least as
    # many calendar days: anything submitted later cannot be due yet.
    latest_submission_day = today - timedelta(days=policy.waiting_first - 1)
    submitted_before = datetime.combine(latest_submission_day, time(), tzinfo=province_zone())
    return sa.and_(
        ActionItem.deleted_at.is_(None),
        sa.or_(
            sa.and_(ActionItem.status.in_(OPEN_STATUSES), ActionItem.due_date <= horizon),
            sa.and_(ActionItem.status == SUBMITTED, ActionItem.submitted_at.is_not(None),
                    ActionItem.submitted_at < submitted_before),
        ),
    )


def load_candidates(today, policy, calendar):
    """Rows with what the stages, the recipients and the email need to know."""
    owner = aliased(User)
    query = (
        sa.select(
            ActionItem.id, ActionItem.title, ActionItem.status, ActionItem.due_date,
            ActionItem.submitted_at, ActionItem.block_reason, ActionItem.pokja_id,
            Pokja.name.label("pokja_name"), ActionItem.agency_id,
            Agency.name.label("agency_name"), Agency.head_email, Agency.head_name,
            ActionItem.owner_id, owner.name.label("owner_name"),
            owner.email.label("owner_email"), owner.locale.label("owner_locale"),
            owner.active.label("owner_active"),
        )
        .join(Pokja, Pokja.id == ActionItem.pokja_id)
        .join(Agency, Agency.id == ActionItem.agency_id)
        .outerjoin(owner, owner.id == ActionItem.owner_id)
        .where(_candidate_filter(today, policy, calendar))
        .order_by(ActionItem.id)
    )
    return db.session.execute(query).all()


def load_planned_keys(today, policy, calendar):
    """The unique keys of the entries already planned for the candidates'
    current deadlines: (item_id, stage, due_date, period, recipient_email, channel).

    Entries for an earlier due date cannot collide with today's plan (the
    due date is part of the key), so they are left in the database.
    """
    entry = OutboxEntry
    query = (
        sa.select(entry.item_id, entry.stage, entry.due_date, entry.period,
                  entry.recipient_email, entry.channel)
        .join(ActionItem, ActionItem.id == entry.item_id)
        .where(_candidate_filter(today, policy, calendar))
        .where(sa.or_(entry.due_date == ActionItem.due_date, entry.stage == WAITING))
    )
    return {tuple(row) for row in db.session.execute(query)}
