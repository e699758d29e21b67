"""Which reminder stages an item is due for today: the policy as pure functions.

Nothing here touches the database. Each function takes the item's facts,
``today`` (a date in the province's zone), the :class:`Policy` and a calendar
with ``is_working_day``, ``previous_working_day`` and ``working_days_between``
(a :class:`~rbtasks.workdays.calendar.WorkCalendar`, which answers from
per-year tables, so a sweep over many items stays cheap).

A stage is identified by ``(stage, period, deadline)``. With the item and the
recipient it forms the outbox's unique key, so returning the same tuple on a
second sweep the same day (or the next day, while the period lasts) plans
nothing twice. Only the *current* period of each stage is ever returned: after
days without a sweep, the missed periods are simply never sent.
"""
from datetime import date, timedelta
from typing import NamedTuple

from rbtasks.items.constants import OPEN_STATUSES, SUBMITTED

BEFORE = "before"
OVERDUE = "overdue"
ESCALATION_1 = "escalation_1"
ESCALATION_2 = "escalation_2"
WAITING = "waiting"

# The order in which an email lists its groups: the most serious first.
EMAIL_ORDER = (ESCALATION_2, ESCALATION_1, OVERDUE, WAITING, BEFORE)

# Working days overdue at which each overdue stage first fires.
_FIRST = {OVERDUE: lambda policy: policy.overdue_first,
          ESCALATION_1: lambda policy: policy.escalation_1_first,
          ESCALATION_2: lambda policy: policy.escalation_2_first}


class DueStage(NamedTuple):
    stage: str
    period: int
    # The date the stage counts from: the due date, or the submission date
    # for "waiting". Part of the unique key, so a moved deadline starts afresh.
    deadline: date
    # Working days overdue (or waiting), or calendar days left for "before".
    count: int


def lead_time_day(due_date, lead_time, calendar):
    """The day the H-``lead_time`` reminder goes out: ``lead_time`` calendar
    days before the due date, moved back to a working day."""
    return calendar.previous_working_day(due_date - timedelta(days=lead_time))


def before_stage(due_date, today, lead_times, calendar):
    """The nearest lead time already due (on or before the deadline), or None.

    The further ones that are also due are dropped for good: the nearest due
    lead time only ever moves closer to the deadline, so once H-1 is the
    nearest, H-3 is never the answer again.
    """
    if today > due_date:
        return None
    due = [lead for lead in lead_times if lead_time_day(due_date, lead, calendar) <= today]
    if not due:
        return None
    return DueStage(BEFORE, min(due), due_date, (due_date - today).days)


def current_period(count, first, every):
    """The period a repeating stage is in at ``count`` working days, or None
    before it starts: period 0 from ``first``, period 1 from ``first + every``…"""
    if count < first:
        return None
    return (count - first) // every


def overdue_stages(due_date, today, policy, calendar):
    """Overdue and escalation stages of an open item due on ``due_date``."""
    if today <= due_date:
        return []
    days_overdue = calendar.working_days_between(due_date, today)
    stages = []
    for stage, first, every in (
        (OVERDUE, policy.overdue_first, policy.overdue_every),
        (ESCALATION_1, policy.escalation_1_first, policy.escalation_1_every),
        (ESCALATION_2, policy.escalation_2_first, policy.escalation_2_every),
    ):
        period = current_period(days_overdue, first, every)
        if period is not None:
            stages.append(DueStage(stage, period, due_date, days_overdue))
    return stages


def overdue_stage_began(stage, due_date, policy, calendar):
    """The day an overdue stage of an item due on ``due_date`` first fired:
    the working day on which the item became the stage's ``*_first`` working
    days overdue (its first period), as :func:`overdue_stages` counts them."""
    first = _FIRST[stage](policy)
    day, counted = due_date, 0
    while counted < first:
        day += timedelta(days=1)
        counted += calendar.is_working_day(day)
    return day


def overdue_stage_cutoff(stage, today, policy, calendar):
    """The latest due date of an open item that is at overdue ``stage`` today
    (:func:`overdue_stages` returns the stage exactly for the due dates up to
    it), or None when no due date is: the day before the stage's ``*_first``-th
    working day counting back from today, since an item due before that day is
    at least that many working days overdue. Lets a query select the items at
    a stage by their due date alone."""
    first = _FIRST[stage](policy)
    day, counted = today, 0
    while True:
        counted += calendar.is_working_day(day)
        if counted >= first:
            return day - timedelta(days=1) if day > date.min else None
        if day == date.min:
            return None
        day -= timedelta(days=1)


def due_dates_beginning_alike(due_date, calendar):
    """``(first, last)``: the due dates whose overdue stages begin on the same
    days as those of an item due on ``due_date`` (:func:`overdue_stage_began`).
    An item due on a working day shares its stages' days with the items due on
    the days off that follow, up to the next working day."""
    return (calendar.previous_working_day(due_date),
            calendar.next_working_day(due_date + timedelta(days=1)) - timedelta(days=1))


def waiting_stage(submitted_on, today, policy, calendar):
    """The waiting-for-verification stage of an item submitted on ``submitted_on``."""
    days_waiting = calendar.working_days_between(submitted_on, today)
    period = current_period(days_waiting, policy.waiting_first, policy.waiting_every)
    if period is None:
        return None
    return DueStage(WAITING, period, submitted_on, days_waiting)


def due_stages(status, due_date, submitted_on, today, policy, calendar):
    """Every stage an item is due for today.

    Open items get "before" or the overdue stages; a submitted item only
    "waiting" (its owner has done their part); done and cancelled items
    nothing. ``submitted_on`` is the submission date in the province's zone.
    """
    if status in OPEN_STATUSES:
        before = before_stage(due_date, today, policy.lead_times, calendar)
        return [before] if before else overdue_stages(due_date, today, policy, calendar)
    if status == SUBMITTED and submitted_on is not None:
        waiting = waiting_stage(submitted_on, today, policy, calendar)
        return [waiting] if waiting else []
    return []


def before_horizon(today, lead_times, calendar):
    """The latest due date that can have a "before" reminder due today.

    A lead-time day after today can still be moved back onto today when the
    days in between are not worked, so look ahead to the next working day.
    """
    next_working = calendar.next_working_day(today + timedelta(days=1))
    return next_working - timedelta(days=1) + timedelta(days=max(lead_times, default=0))

