"""The demo's last eight weeks, so that its overdue trend is not empty.

The scheduler takes one snapshot a week; a freshly seeded demo has none, and
its dashboard would draw an empty chart. This writes the snapshots the
scheduler would have taken in the seven weeks before, from what the demo's
data says of its items then: a done or submitted item was in progress until
the day it got there (``finished_in_days``), every other item was as it is
now. This week's snapshot is taken for real.
"""
from datetime import timedelta
from typing import NamedTuple

import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.items.constants import IN_PROGRESS
from rbtasks.items.queries import is_overdue
from rbtasks.snapshots.models import WeeklySnapshot
from rbtasks.snapshots.services import (
    ALL,
    add_items,
    blank_counts,
    store_week,
    take_snapshots,
    week_start,
)
from rbtasks.timeutil import local_today

WEEKS = 8
# Where an item that is done now stood before it was finished.
PROGRESS_BEFORE_FINISHING = 80


class _ItemThen(NamedTuple):
    status: str
    progress: int
    due_date: object


def seed_weekly_history(new_items, now):
    """Snapshots for this week and the seven before it; returns the weeks written.

    ``new_items`` are (item, its DemoItem) pairs. A past week that already has
    snapshots (a scheduler ran then) is left as it is. Flushes.
    """
    today = local_today(now)
    this_monday = week_start(today)
    taken = set(db.session.scalars(
        sa.select(WeeklySnapshot.week_start).distinct()
        .where(WeeklySnapshot.scope == ALL,
               WeeklySnapshot.week_start >= this_monday - timedelta(weeks=WEEKS - 1))))
    written = 0
    for weeks_back in range(WEEKS - 1, 0, -1):
        monday = this_monday - timedelta(weeks=weeks_back)
        if monday in taken:
            continue
        # Taken at the same time of day as the seed, on that Monday.
        store_week(monday, _counts_on(monday, new_items, today), now - (today - monday))
        written += 1
    take_snapshots(now)
    return written + 1


def _counts_on(day, new_items, today):
    counts = blank_counts()
    for item, spec in new_items:
        then = _as_of(day, item, spec, today)
        add_items(counts, item.pokja_id, item.agency_id, then.status, 1, then.progress,
                  int(is_overdue(then, day)))
    return counts


def _as_of(day, item, spec, today):
    if spec.finished_in_days is not None and day < today + timedelta(days=spec.finished_in_days):
        return _ItemThen(IN_PROGRESS, min(item.progress, PROGRESS_BEFORE_FINISHING),
                         item.due_date)
    return _ItemThen(item.status, item.progress, item.due_date)
