"""Weekly snapshots: the plan's counts per pokja, per agency and in total,
stored once per ISO week so that "since last week" compares with what was
really there last week rather than with a recomputed guess. The digest
takes them and compares with them; the dashboard draws their history.

``take_snapshots(now)`` is idempotent: one row per week, scope and scope id;
a second run in the same week updates that week's rows. Its number of SQL
statements does not depend on the number of items (one aggregate query,
the pokja and agency ids, the week's existing rows, one batched write).
"""
from dataclasses import dataclass, fields
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.items.constants import CANCELLED, STATUSES
from rbtasks.items.models import ActionItem
from rbtasks.items.queries import overdue_clause
from rbtasks.organisation.models import Agency, Pokja
from rbtasks.outbox.locks import hold_job_lock
from rbtasks.snapshots.models import WeeklySnapshot
from rbtasks.timeutil import local_today

ALL, POKJA, AGENCY = "all", "pokja", "agency"
LOCK_NAME = "snapshots"


def average(progress_sum, items):
    """Average progress to two decimals (half up), None without items: the
    one rounding rule of the dashboard and the snapshots, so both agree."""
    if not items:
        return None
    return (Decimal(progress_sum) / items).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def week_start(day):
    """The Monday of ``day``'s ISO week."""
    return day - timedelta(days=day.weekday())


def week_label(day):
    """``day``'s ISO week as "2026-W49" (the ISO year, which may differ from the calendar's)."""
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


@dataclass
class Counts:
    """The numbers one snapshot keeps for one scope."""

    total: int = 0
    not_started: int = 0
    in_progress: int = 0
    submitted: int = 0
    done: int = 0
    blocked: int = 0
    cancelled: int = 0
    overdue: int = 0
    progress_sum: int = 0      # over the items that count for the average
    progress_items: int = 0

    @property
    def average_progress(self):
        """As the dashboard rounds it; 0 without items (the column needs a number)."""
        return average(self.progress_sum, self.progress_items) or Decimal("0.00")

    def add(self, other):
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))
        return self


def blank_counts():
    """{(scope, scope_id): Counts()} for the whole plan, every pokja and every
    agency, so that a scope without items still gets its row of zeros."""
    counts = {(ALL, 0): Counts()}
    counts.update({(POKJA, pokja_id): Counts()
                   for pokja_id in db.session.scalars(sa.select(Pokja.id))})
    counts.update({(AGENCY, agency_id): Counts()
                   for agency_id in db.session.scalars(sa.select(Agency.id))})
    return counts


def add_items(counts, pokja_id, agency_id, status, number, progress_sum, overdue):
    """Count ``number`` items of one status, ``overdue`` of them overdue, in the
    whole plan, their pokja and their agency. Cancelled items are counted but
    left out of the average progress, as the dashboard does."""
    part = Counts(total=number, overdue=overdue)
    if status in STATUSES:
        setattr(part, status, number)
    if status != CANCELLED:
        part.progress_sum, part.progress_items = progress_sum, number
    for key in ((ALL, 0), (POKJA, pokja_id), (AGENCY, agency_id)):
        counts.setdefault(key, Counts()).add(part)


def count_plan(today):
    """{(scope, scope_id): Counts} for the whole plan, every pokja and every agency.

    One aggregate query grouped by pokja, agency and status; the totals per
    scope are added up here.
    """
    overdue = sa.func.sum(sa.case((overdue_clause(today), 1), else_=0))
    rows = db.session.execute(
        sa.select(ActionItem.pokja_id, ActionItem.agency_id, ActionItem.status,
                  sa.func.count(ActionItem.id), sa.func.sum(ActionItem.progress), overdue)
        .where(ActionItem.deleted_at.is_(None))
        .group_by(ActionItem.pokja_id, ActionItem.agency_id, ActionItem.status)
    ).all()
    counts = blank_counts()
    for pokja_id, agency_id, status, number, progress, overdue_number in rows:
        add_items(counts, pokja_id, agency_id, status, number, int(progress or 0),
                  int(overdue_number or 0))
    return counts


_STORED = ("total", "not_started", "in_progress", "submitted", "done", "blocked", "cancelled",
           "overdue")


def take_snapshots(now):
    """Store this ISO week's counts (the week of ``now`` in the province's
    zone) for the whole plan, each pokja and each agency; returns the number
    of rows written. Flushes, never commits.

    Concurrent callers serialise on the "snapshots" job lock, so the second
    one updates the rows the first one inserted instead of colliding.
    """
    hold_job_lock(LOCK_NAME, now)
    today = local_today(now)
    return store_week(week_start(today), count_plan(today), now)


def store_week(monday, counts, taken_at):
    """Write ``counts`` as the snapshots of the week starting ``monday``:
    rows of that week already there are updated, the others inserted.
    Returns the number of rows written; flushes."""
    existing = dict(((scope, scope_id), row_id) for row_id, scope, scope_id in db.session.execute(
        sa.select(WeeklySnapshot.id, WeeklySnapshot.scope, WeeklySnapshot.scope_id)
        .where(WeeklySnapshot.week_start == monday)))
    inserts, updates = [], []
    for (scope, scope_id), numbers in counts.items():
        values = {name: getattr(numbers, name) for name in _STORED}
        values.update(average_progress=numbers.average_progress, taken_at=taken_at)
        row_id = existing.get((scope, scope_id))
        if row_id is None:
            inserts.append({"week_start": monday, "scope": scope, "scope_id": scope_id,
                            **values})
        else:
            updates.append({"id": row_id, **values})
    # Two batched statements, however many pokja and agencies there are.
    if inserts:
        db.session.execute(sa.insert(WeeklySnapshot), inserts)
    if updates:
        db.session.execute(sa.update(WeeklySnapshot), updates)
    db.session.flush()
    return len(counts)


def snapshot_counts(monday, scope, scope_ids=(0,)):
    """The summed Counts of ``scope``'s snapshots for the week starting
    ``monday`` over ``scope_ids`` (one pokja, or all of a coordinator's),
    or None when no snapshot of them was taken that week."""
    rows = db.session.scalars(
        sa.select(WeeklySnapshot).where(WeeklySnapshot.week_start == monday,
                                        WeeklySnapshot.scope == scope,
                                        WeeklySnapshot.scope_id.in_(list(scope_ids)))
    ).all()
    if not rows:
        return None
    total = Counts()
    for row in rows:
        part = Counts(**{name: getattr(row, name) for name in _STORED})
        # The average is stored rounded; weight it back by the items it covers.
        part.progress_items = row.total - row.cancelled
        part.progress_sum = row.average_progress * part.progress_items
        total.add(part)
    return total


def previous_snapshot(today, scope, scope_ids=(0,)):
    """Last week's Counts for ``scope`` (relative to ``today``), or None."""
    return snapshot_counts(week_start(today) - timedelta(days=7), scope, scope_ids)


def overdue_by_week(scope, scope_ids, last_monday, weeks):
    """[(week_start, overdue)] summed over ``scope_ids``, for the latest
    ``weeks`` snapshot weeks up to the one starting ``last_monday``, oldest
    first; one grouped query."""
    rows = db.session.execute(
        sa.select(WeeklySnapshot.week_start, sa.func.sum(WeeklySnapshot.overdue))
        .where(WeeklySnapshot.scope == scope, WeeklySnapshot.scope_id.in_(list(scope_ids)),
               WeeklySnapshot.week_start <= last_monday)
        .group_by(WeeklySnapshot.week_start)
        .order_by(WeeklySnapshot.week_start.desc())
        .limit(weeks)
    ).all()
    return [(monday, int(overdue or 0)) for monday, overdue in reversed(rows)]
