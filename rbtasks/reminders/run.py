"""The daily reminder run: the one orchestration behind ``flask rb sweep`` and
the scheduler's 07:30 sweep job, which only parse, call it, commit and report.

It alone decides whether today is swept: a working day in the province
(Monday–Friday, less national holidays and cuti bersama, corrected by the
admins' overrides). On a working day it plans the reminders
(rbtasks/reminders/sweep.py), commits them, and delivers everything due.
"""
from functools import partial

from rbtasks.outbox.services import deliver_all_due, plan_then_deliver
from rbtasks.reminders.sweep import SweepReport, plan_reminders
from rbtasks.timeutil import local_today
from rbtasks.workdays.calendar import WorkCalendar


def run_daily(now, dry_run=False, deliver=deliver_all_due, plan=None):
    """Plan today's reminders and deliver them, on working days only; returns
    the SweepReport.

    On any other day nothing is planned: the report's ``working_day`` is
    False and ``day_off_name`` names the holiday (None at the weekend).
    With ``dry_run`` the plan is computed and nothing is written or sent
    (the caller rolls back). Otherwise the plan is committed, since delivery
    must see it, then ``deliver(now)`` runs (its DeliveryReport is the
    report's ``delivery``); ``deliver=None`` leaves the sending to the
    scheduler's minute job or ``flask rb deliver``. The caller commits last.
    ``plan(now)`` replaces the planner, for tests.
    """
    today = local_today(now)
    calendar = WorkCalendar.load()
    if not calendar.is_working_day(today):
        return SweepReport(today=today, working_day=False, dry_run=dry_run,
                           day_off_name=calendar.holiday_name(today))
    plan = plan or partial(plan_reminders, dry_run=dry_run, calendar=calendar)
    return plan_then_deliver(plan, now, None if dry_run else deliver)
