"""How far a meeting's decisions have been followed up.

A decision is *done* when it has at least one counted item and every
counted item is done. Counted items are its items that are neither deleted
(soft-deleted items are ignored everywhere) nor cancelled: a cancelled item
was dropped, not carried out, so it neither holds a decision back nor
completes it — a decision whose items are all cancelled (or that has no
items yet) is not followed up.

The follow-up rate of a meeting is its done decisions ÷ its decisions
(None for a meeting without decisions), graded as the RB evaluation sheet
grades "hasil monev telah ditindaklanjuti":

- rate = 1 (every decision): "Seluruhnya ditindaklanjuti" (all),
- 0.5 ≤ rate < 1: "Sebagian besar" (most),
- 0 < rate < 0.5: "Sebagian kecil" (some),
- rate = 0: "Belum ditindaklanjuti" (none).

Rates for a whole page of meetings come from one query (:func:`rates_for`).
"""
from dataclasses import dataclass
from fractions import Fraction

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from rbtasks.extensions import db
from rbtasks.items.constants import CANCELLED, DONE
from rbtasks.items.models import ActionItem
from rbtasks.meetings.models import Decision, DecisionItem

ALL, MOST, SOME, NONE = "all", "most", "some", "none"
GRADE_LABELS = {
    ALL: _l("All followed up"),
    MOST: _l("Mostly followed up"),
    SOME: _l("Partly followed up"),
    NONE: _l("Not yet followed up"),
}


@dataclass(frozen=True)
class FollowUp:
    """A meeting's decisions: how many, how many done, the rate and its grade."""

    decisions: int
    done: int

    @property
    def rate(self):
        """done ÷ decisions as a Fraction; None without decisions."""
        return Fraction(self.done, self.decisions) if self.decisions else None

    @property
    def grade(self):
        return grade_of(self.rate)

    @property
    def grade_label(self):
        return GRADE_LABELS[self.grade] if self.grade else None

    @property
    def percent(self):
        """The rate as a whole percentage (for pages), None without decisions."""
        return None if self.rate is None else round(float(self.rate) * 100)

    def rate_number(self):
        """The rate as a JSON number from 0 to 1 (4 decimals), or None."""
        return None if self.rate is None else round(float(self.rate), 4)


def grade_of(rate):
    """The evaluation sheet's grade of a rate (see the module docstring)."""
    if rate is None:
        return None
    if rate >= 1:
        return ALL
    if rate >= Fraction(1, 2):
        return MOST
    if rate > 0:
        return SOME
    return NONE


def _decision_counts(where):
    """(meeting id, decision id, counted items, done items) per decision matching ``where``."""
    counted = sa.and_(ActionItem.id.is_not(None), ActionItem.status != CANCELLED)
    return db.session.execute(
        sa.select(Decision.meeting_id, Decision.id,
                  sa.func.sum(sa.case((counted, 1), else_=0)),
                  sa.func.sum(sa.case((ActionItem.status == DONE, 1), else_=0)))
        .select_from(Decision)
        .outerjoin(DecisionItem, DecisionItem.decision_id == Decision.id)
        .outerjoin(ActionItem, sa.and_(ActionItem.id == DecisionItem.item_id,
                                       ActionItem.deleted_at.is_(None)))
        .where(where)
        .group_by(Decision.meeting_id, Decision.id)).all()


def is_done(counted_items, done_items):
    return bool(counted_items) and counted_items == done_items


def done_decision_ids(decision_ids):
    """Which of the decisions are done (one query)."""
    if not decision_ids:
        return set()
    return {decision_id for _meeting, decision_id, counted, done
            in _decision_counts(Decision.id.in_(decision_ids))
            if is_done(int(counted or 0), int(done or 0))}


def rates_for(meeting_ids):
    """meeting id → FollowUp, for every meeting in ``meeting_ids`` (one query)."""
    totals = {meeting_id: [0, 0] for meeting_id in meeting_ids}
    if not totals:
        return {}
    for meeting_id, _decision, counted, done in _decision_counts(
            Decision.meeting_id.in_(list(totals))):
        totals[meeting_id][0] += 1
        totals[meeting_id][1] += is_done(int(counted or 0), int(done or 0))
    return {meeting_id: FollowUp(*numbers) for meeting_id, numbers in totals.items()}


def follow_up(meeting):
    """The meeting's FollowUp."""
    return rates_for([meeting.id])[meeting.id]


def follow_up_rate(meeting):
    """Done decisions ÷ decisions as a Fraction (None without decisions)."""
    return follow_up(meeting).rate
