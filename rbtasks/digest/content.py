"""What one digest says: the dashboard's numbers for the recipient's scope,
their change since last week's snapshot, last week's events and the RB index.

The numbers come from :func:`rbtasks.dashboard.summary.summarise` — the same
function the dashboard calls — so the Monday email and the dashboard tell
the same story. Recipients who share a scope (every leader sees the whole
plan) share one computation, so the queries grow with the number of
distinct scopes, never with the number of items.
"""
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.checks import SYSTEM
from rbtasks.dashboard.history import snapshot_scope
from rbtasks.dashboard.summary import Summary, summarise
from rbtasks.digest.weekly import LastWeek, load_last_week
from rbtasks.extensions import db
from rbtasks.organisation.models import Pokja
from rbtasks.rbindex.services import list_index_scores
from rbtasks.snapshots.services import Counts, snapshot_counts, week_start
from rbtasks.timeutil import local_today, province_zone

# The headline numbers of the digest, in the order it shows them.
HEADLINE_KEYS = ("total", "done", "in_progress", "submitted", "overdue", "blocked")


@dataclass
class HeadlineNumber:
    key: str
    value: int
    change: int | None     # None: no snapshot of last week to compare with


@dataclass
class DigestContent:
    """Everything a digest shows, for one scope, before it is put into words."""

    today: object              # date, the day the digest is planned
    week_monday: object        # date, the Monday of this ISO week
    pokja_names: list | None   # the recipient's pokja; None for the whole plan
    summary: Summary
    previous: Counts | None
    last_week: LastWeek
    index_scores: list

    @property
    def scope_name(self):
        """The digest's scope in words, for the command line."""
        return _("all pokja") if self.pokja_names is None else ", ".join(self.pokja_names)

    @property
    def headline(self):
        current = self.summary.headline
        return [HeadlineNumber(key, getattr(current, key),
                               None if self.previous is None
                               else getattr(current, key) - getattr(self.previous, key))
                for key in HEADLINE_KEYS]

    @property
    def overdue(self):
        return self.summary.headline.overdue

    @property
    def completed_last_week(self):
        return len(self.last_week.completed)


class DigestBuilder:
    """Builds DigestContent per recipient as of ``now``, computing each
    distinct scope once and the plan-wide parts (last week's events, the RB
    index) once per run."""

    def __init__(self, now):
        self.now = now
        self.today = local_today(now)
        self.week_monday = week_start(self.today)
        self._by_scope = {}
        self._last_week = None
        self._index = None

    def content_for(self, user, pokja_ids):
        """The digest content for ``user``: the whole plan when ``pokja_ids``
        is None (a leader), else those pokja (a coordinator's own)."""
        key = ("all",) if pokja_ids is None else ("pokja", *sorted(pokja_ids))
        if key not in self._by_scope:
            self._by_scope[key] = self._build(user, pokja_ids)
        return self._by_scope[key]

    def _build(self, user, pokja_ids):
        summary = summarise(user, self.now, pokja_ids=list(pokja_ids) if pokja_ids else None)
        names = None
        if pokja_ids is not None:
            names = list(db.session.scalars(
                sa.select(Pokja.name).where(Pokja.id.in_(pokja_ids)).order_by(Pokja.name)))
        previous = None
        target = snapshot_scope(summary.scope)
        if target is not None:
            kind, ids = target
            previous = snapshot_counts(self.week_monday - timedelta(days=7), kind, ids)
        return DigestContent(today=self.today, week_monday=self.week_monday,
                             pokja_names=names, summary=summary, previous=previous,
                             last_week=self._plan_last_week().for_pokjas(pokja_ids),
                             index_scores=self._index_scores())

    def _plan_last_week(self):
        if self._last_week is None:
            self._last_week = load_last_week(self.today, province_zone())
        return self._last_week

    def _index_scores(self):
        if self._index is None:
            self._index = list_index_scores(SYSTEM)
        return self._index
