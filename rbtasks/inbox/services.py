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
within a kind. The API reads them all (:func:`needs_action`); the page, and
the dashboard's and "My tasks" panels (its first ten), read a page of them
with the total (:func:`needs_action_page`), which costs the same however
many items wait.
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
from rbtasks.paging import Page
from rbtasks.reminders.stages import (
    due_dates_beginning_alike,
    overdue_stage_began,
    overdue_stage_cutoff,
    overdue_stages,
)
from rbtasks.roles import AGENCY_HEAD, LEADER
from rbtasks.settings_store.policy import load_policy
from rbtasks.timeutil import local_today
from rbtasks.workdays.calendar import WorkCalendar

# Entries on a page of the "Perlu tindakan" page, and in the dashboard's and
# "My tasks" panels (which link to the page for the rest).
PER_PAGE = 25
PANEL_SIZE = 10


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
    return _Inbox(actor, local_today(now)).entries()


def needs_action_page(actor, now, page=1, per_page=PER_PAGE):
    """Page ``page`` of ``actor``'s "Perlu tindakan" at ``now`` (rbtasks.paging.Page
    with the exact total), the same entries as :func:`needs_action` in the same
    order, reading only as many rows of each source as the page can need."""
    inbox = _Inbox(actor, local_today(now))
    entries = inbox.entries(first=page * per_page)[(page - 1) * per_page:]
    return Page(entries, page, per_page, inbox.count())


class _Inbox:
    """One reader's sources at one day. The entries are the reasons of every
    row merged per item; with ``first``, only the first ``first`` entries,
    from each source's first rows.

    Why that is enough: every source lists its items in the order of the
    entries they make (their reason's urgency and date, then the item), and
    an entry ranks by its most urgent reason. So an entry among the first
    ``first`` has that reason among the first ``first`` rows of its source,
    where fewer than ``first`` entries come before it. Only the overdue items
    watched for others need more than a LIMIT: an escalation dates from the
    day it began, which items due on a working day and on the days off after
    it share, and the item decides among them: so the items sharing that day
    with the last row read are read too (those due on one working day and the
    days off after it). The entries kept then get the
    requests to decide that were not read: a kept entry's most urgent reason
    was read, and the only sources sharing items are the reader's own items
    (read whole) with the watched ones, and the requests with the items to
    verify (which are more urgent), so a request is all it can lack.
    """

    def __init__(self, actor, today):
        self.actor, self.today = actor, today
        self.deadlines = _Deadlines(actor, today)
        # The biggest first: count_items counts the first straight from an index.
        self.duties = {
            "watched": sources.watched_overdue(actor, today,
                                               self.deadlines.escalation_2_cutoff),
            "to_verify": sources.to_verify(actor),
            "extensions": sources.extensions_to_decide(actor),
            "returned": sources.returned_to(actor),
            "own": sources.own_deadlines(actor, today),
        }

    def count(self):
        return sources.count_items(self.duties.values())

    def entries(self, first=None):
        found = {}
        duties = self.duties
        for row in sources.rows(duties["to_verify"], first):
            _add(found, row, Reason(TO_VERIFY, row.submitted_at, {"owner": row.owner_name}))
        for row in sources.rows(duties["extensions"], first):
            _add(found, row, _extension(row))
        for row in sources.rows(duties["returned"]):
            _add(found, row, Reason(RETURNED, row.returned_at,
                                    {"by": row.returned_by, "note": row.note}))
        deadline_rows = {row.item_id: row for row in sources.rows(duties["own"])}
        watched = sources.rows(duties["watched"], first)
        if first is not None and watched:
            # All of them: ordered by item and limited, PostgreSQL would rather walk
            # the items by id than read the few due on those days.
            alike = due_dates_beginning_alike(watched[-1].due_date, self.deadlines.calendar)
            watched += sources.rows(sources.due_between(duties["watched"], *alike))
        deadline_rows.update((row.item_id, row) for row in watched)
        for row in deadline_rows.values():
            for reason in self.deadlines.reasons(row):
                _add(found, row, reason)

        for entry in found.values():
            entry.reasons = _most_urgent_first(entry.reasons)
        entries = sorted(found.values(), key=_urgency)
        if first is not None:
            entries = entries[:first]
            self._add_unread_requests(entries)
        return entries

    def _add_unread_requests(self, entries):
        """An item has one pending request at most (ExtensionRequest.open_item_id)."""
        by_item = {entry.item_id: entry for entry in entries}
        for row in sources.rows_of_items(self.duties["extensions"], list(by_item)):
            entry = by_item[row.item_id]
            if all(reason.code != EXTENSION for reason in entry.reasons):
                entry.reasons = _most_urgent_first([*entry.reasons, _extension(row)])


def _add(found, row, reason):
    entry = found.get(row.item_id)
    if entry is None:
        entry = found[row.item_id] = Entry(
            item_id=row.item_id, title=row.title, status=row.status,
            due_date=row.due_date, pokja_name=row.pokja_name,
            agency_name=row.agency_name, owner_name=row.owner_name)
    entry.reasons.append(reason)


def _extension(row):
    return Reason(EXTENSION, row.requested_at, {
        "by": row.requested_by, "old": row.old_due_date, "new": row.new_due_date,
        "extension_id": row.extension_id})


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
    are told of escalations: agency heads and leaders. A leader's items are
    selected by the latest due date at escalation level 2 today, worked out
    here once."""

    def __init__(self, actor, today):
        self.actor, self.today = actor, today
        self.watches_escalations = actor.role in (AGENCY_HEAD, LEADER)
        self.policy = load_policy() if self.watches_escalations else None
        self.calendar = WorkCalendar.load() if self.watches_escalations else None
        self.escalation_2_cutoff = (
            overdue_stage_cutoff(ESCALATION_2, today, self.policy, self.calendar)
            if actor.role == LEADER else None)
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
