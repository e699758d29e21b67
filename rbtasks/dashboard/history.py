"""Overdue items per week, read from the weekly snapshots (rbtasks.snapshots).

The snapshots are kept for the whole plan, each pokja and each agency, so a
dashboard scope has a history when it is one of those (or several pokja,
added up). An owner's own items, or a pokja crossed with an agency, have
none: the chart then says so instead of inventing numbers.
"""
from datetime import date
from typing import NamedTuple

from rbtasks.dashboard.scope import Scope
from rbtasks.snapshots.services import overdue_by_week, week_start
from rbtasks.timeutil import local_today

HISTORY_WEEKS = 12


class WeekPoint(NamedTuple):
    week_start: date
    overdue: int


def snapshot_scope(scope: Scope):
    """(snapshot scope, [scope ids]) holding ``scope``'s history, or None."""
    if scope.owner_id is not None:
        return None
    if scope.pokja_ids is not None and scope.agency_id is None:
        return ("pokja", list(scope.pokja_ids)) if scope.pokja_ids else None
    if scope.agency_id is not None and scope.pokja_ids is None:
        return "agency", [scope.agency_id]
    if scope.pokja_ids is None and scope.agency_id is None:
        return "all", [0]
    return None


def overdue_per_week(scope: Scope, now, weeks=HISTORY_WEEKS):
    """[WeekPoint] of the last ``weeks`` snapshot weeks up to ``now``'s week,
    oldest first; one grouped query (none when the scope has no history)."""
    target = snapshot_scope(scope)
    if target is None:
        return []
    kind, ids = target
    this_monday = week_start(local_today(now))
    return [WeekPoint(monday, overdue)
            for monday, overdue in overdue_by_week(kind, ids, this_monday, weeks)]
