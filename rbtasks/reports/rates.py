"""The tingkat implementasi rencana aksi and the completion rate.

The national RB evaluation (KemenPANRB's 2023 technical guideline) scores
"Tingkat Implementasi Rencana Aksi": how much of the plan was carried out by
its deadline. Here, over the items a scope holds:

- **due so far**: items due on or before the cut-off day, which is today
  (WITA) or the end of the period when that is already past, and on or after
  the period's first day. Cancelled items are left out (the plan no longer
  holds them), and so are deleted ones (the scope's clauses leave them out).
- **completed**: of those, the items verified as done (``status`` done, with
  ``completed_at``). An item submitted but not yet verified is not completed.
- **completed by the deadline**: of those, the ones whose ``completed_at``,
  read as a WITA date, is on or before ``due_date``. An approved extension
  moves ``due_date``, so the deadline that counts is the item's current one.

``implementation_rate`` = completed by the deadline ÷ due so far and
``completion_rate`` = completed ÷ due so far, both 0–1, or None while nothing
is due. An item finished early but not yet due counts in neither until its
due date comes. The counts are one aggregate query (grouped when asked).
"""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.items.constants import CANCELLED, DONE
from rbtasks.items.models import ActionItem
from rbtasks.reports.localdate import local_date, offset_minutes
from rbtasks.timeutil import local_today, province_zone


@dataclass(frozen=True)
class Rates:
    """Counts behind the two rates of a scope (or of one pokja or agency in it)."""

    due: int = 0
    completed: int = 0
    on_time: int = 0

    @property
    def implementation_rate(self):
        return self.on_time / self.due if self.due else None

    @property
    def completion_rate(self):
        return self.completed / self.due if self.due else None

    def __add__(self, other):
        return Rates(self.due + other.due, self.completed + other.completed,
                     self.on_time + other.on_time)


@dataclass(frozen=True)
class Period:
    """Due dates from ``start`` to ``end`` (either may be open)."""

    start: date | None = None
    end: date | None = None

    def cutoff(self, today):
        """The last due date counted as of ``today``."""
        return min(today, self.end) if self.end is not None else today


def _count_where(condition):
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def count_rates(scope, now, period=Period(), group_by=None):
    """The :class:`Rates` of the items in ``scope`` (anything with
    ``clauses()``, such as rbtasks.dashboard.scope.Scope) as of ``now``.

    With ``group_by`` (a column such as ``ActionItem.pokja_id``) returns
    {value: Rates} for the groups that have an item due; without, one Rates.
    """
    zone = province_zone()
    cutoff = period.cutoff(local_today(now, zone))
    completed = sa.and_(ActionItem.status == DONE, ActionItem.completed_at.is_not(None))
    on_time = sa.and_(completed, local_date(ActionItem.completed_at, offset_minutes(zone, now))
                      <= ActionItem.due_date)
    where = [*scope.clauses(), ActionItem.status != CANCELLED, ActionItem.due_date <= cutoff]
    if period.start is not None:
        where.append(ActionItem.due_date >= period.start)
    counts = (sa.func.count(ActionItem.id), _count_where(completed), _count_where(on_time))
    if group_by is None:
        due, done, timely = db.session.execute(sa.select(*counts).where(*where)).one()
        return Rates(int(due), int(done), int(timely))
    statement = sa.select(group_by, *counts).where(*where).group_by(group_by)
    return {key: Rates(int(due), int(done), int(timely))
            for key, due, done, timely in db.session.execute(statement)}
