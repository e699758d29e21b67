"""What waits for someone's action ("Perlu tindakan"), by what they are to each item.

- coordinators (admins for every pokja): the submitted items to verify and
  the pending extension requests to decide — never their own;
- owners (whatever their role): the items a coordinator returned, their open
  items due within seven days and the overdue ones;
- agency heads: their agency's overdue items, escalated or not;
- leaders: the items at escalation level 2.

Overdue and escalation follow the reminders' own stages
(rbtasks/reminders/stages.py, with the admins' policy and working-day
calendar), so the list and the escalation emails never disagree.

A person with several duties gets one entry per item carrying every reason,
the most urgent first (an escalation says "overdue" already, so only the
highest of those is kept). Entries come most urgent first, the oldest first
within a kind. The page, the API and the dashboard's and "My tasks" panels
all read :func:`needs_action`.
"""
from dataclasses import dataclass, field
from datetime import date

from rbtasks.inbox import sources
from rbtasks.inbox.reasons import (
    DUE_SOON,
    ESCALATION_1,
    ESCALATION_2,
    EXTENSION,
    OVERDUE,
    OVERDUE_FAMILY,
    RETURNED,
    TO_VERIFY,
    URGENCY,
    Reason,
)
from rbtasks.reminders.stages import overdue_stage_began, overdue_stages
from rbtasks.roles import AGENCY_HEAD, LEADER
from rbtasks.settings_store.policy import load_policy
from rbtasks.timeutil import local_today
from rbtasks.workdays.calendar import WorkCalendar


@dataclass
class Entry:
    """An item waiting for the reader, and why (``reasons``, most urgent first)."""

    item_id: int
    title: str
    status: str
    due_date: date
    pokja_name: str
    agency_name: str
    owner_name: str | None
    reasons: list = field(default_factory=list)

    @property
    def reason(self):
        return self.reasons[0]

    @property
    def since(self):
        return self.reason.since

    @property
    def anchor(self):
        """Where on the item page to land: the part where the first reason that has
        one is dealt with (an overdue item with a request to decide: the request)."""
        return next((reason.anchor for reason in self.reasons if reason.anchor), None)


def needs_action(actor, now):
    """The entries of ``actor``'s "Perlu tindakan" at ``now``, most urgent first."""
    today = local_today(now)
    found = {}

    def add(row, reason):
        entry = found.get(row.item_id)
        if entry is None:
            entry = found[row.item_id] = Entry(
                item_id=row.item_id, title=row.title, status=row.status,
                due_date=row.due_date, pokja_name=row.pokja_name,
                agency_name=row.agency_name, owner_name=row.owner_name)
        entry.reasons.append(reason)

    for row in sources.to_verify(actor):
        add(row, Reason(TO_VERIFY, row.submitted_at, {"owner": row.owner_name}))
    for row in sources.extensions_to_decide(actor):
        add(row, Reason(EXTENSION, row.requested_at, {
            "by": row.requested_by, "old": row.old_due_date, "new": row.new_due_date,
            "extension_id": row.extension_id}))
    for row in sources.returned_to(actor):
        add(row, Reason(RETURNED, row.returned_at, {"by": row.returned_by, "note": row.note}))
    deadlines = _Deadlines(actor, today)
    for row in sources.watched_deadlines(actor, today, deadlines.escalation_2_first):
        for reason in deadlines.reasons(row):
            add(row, reason)

    for entry in found.values():
        entry.reasons = _most_urgent_first(entry.reasons)
    return sorted(found.values(), key=_urgency)


def _urgency(entry):
    # Dates and UTC timestamps in ISO form sort as they happened.
    since = entry.since.isoformat() if entry.since else ""
    return URGENCY[entry.reason.code], since, entry.item_id


def _most_urgent_first(reasons):
    """Each code once; of overdue and the escalations only the highest."""
    unique = {}
    for reason in sorted(reasons, key=lambda reason: URGENCY[reason.code]):
        unique.setdefault(reason.code, reason)
    kept, overdue_said = [], False
    for code, reason in unique.items():
        if code in OVERDUE_FAMILY:
            if overdue_said:
                continue
            overdue_said = True
        kept.append(reason)
    return kept


class _Deadlines:
    """The deadline reasons of an open item for one reader. The policy and the
    working-day calendar (one statement each) are read only for readers who
    are told of escalations: agency heads and leaders."""

    def __init__(self, actor, today):
        self.actor, self.today = actor, today
        self.watches_escalations = actor.role in (AGENCY_HEAD, LEADER)
        self.policy = load_policy() if self.watches_escalations else None
        self.calendar = WorkCalendar.load() if self.watches_escalations else None
        self.escalation_2_first = self.policy.escalation_2_first if self.policy else 0
        self._began = {}

    def reasons(self, row):
        today, actor = self.today, self.actor
        owns = row.owner_id == actor.id
        if row.due_date >= today:
            if owns:
                yield Reason(DUE_SOON, row.due_date, {"days": (row.due_date - today).days})
            return
        overdue = Reason(OVERDUE, row.due_date, {"days": (today - row.due_date).days})
        if owns:
            yield overdue
        if not self.watches_escalations:
            return
        escalated = self._escalation(row.due_date)
        if actor.role == LEADER:
            if escalated is not None and escalated.code == ESCALATION_2:
                yield escalated
        elif row.agency_id == actor.agency_id:
            yield escalated or overdue

    def _escalation(self, due_date):
        """The highest escalation of an open item due on ``due_date``, or None."""
        stages = {due.stage: due for due in
                  overdue_stages(due_date, self.today, self.policy, self.calendar)}
        for stage in (ESCALATION_2, ESCALATION_1):
            if stage in stages:
                key = (stage, due_date)
                if key not in self._began:
                    self._began[key] = overdue_stage_began(stage, due_date, self.policy,
                                                           self.calendar)
                return Reason(stage, self._began[key],
                              {"working_days": stages[stage].count})
        return None
