"""The weekly digest run: the one orchestration behind ``flask rb digest`` and
the scheduler's digest job, which only parse, call it, commit and report.

It alone decides the digest's day: the first working day of the ISO week
(Monday, or Tuesday when Monday is a holiday, …). On that day it plans the
digests (rbtasks/digest/planner.py), commits them, and delivers everything due.
"""
from functools import partial

from rbtasks.digest.planner import DigestReport, plan_digests
from rbtasks.outbox.services import deliver_all_due, plan_then_deliver
from rbtasks.snapshots.services import week_label
from rbtasks.timeutil import local_today
from rbtasks.workdays.calendar import WorkCalendar, first_working_day_of_week


def run_weekly(now, dry_run=False, force=False, deliver=deliver_all_due, plan=None):
    """Plan this week's digests and deliver them, on the week's first working
    day only; returns the DigestReport.

    On another day nothing is planned: the report's ``planned_day`` is False
    and ``first_working_day`` says which day it is (``force`` plans anyway,
    for an operator catching up after the server was down; the weekly key
    still allows one digest each). With ``dry_run`` the emails are built and
    nothing is written or sent (the caller rolls back). Otherwise the plan
    is committed, since delivery must see it, then ``deliver(now)`` runs
    (its DeliveryReport is the report's ``delivery``); ``deliver=None``
    leaves the sending to the minute job. The caller commits last.
    ``plan(now)`` replaces the planner, for tests.
    """
    today = local_today(now)
    first = first_working_day_of_week(WorkCalendar.load(), today)
    if today != first and not force:
        return DigestReport(today=today, week=week_label(today), first_working_day=first,
                            planned_day=False, dry_run=dry_run)
    plan = plan or partial(plan_digests, dry_run=dry_run)
    return plan_then_deliver(plan, now, None if dry_run else deliver)
