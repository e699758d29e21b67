"""What evidence can be attached to: an action item, and whatever else a
feature registers (a monev meeting, an answer of a self-assessment).

One mechanism for every holder: the same table, storage, file checks,
limits and download; a holder only says who may see it, who may add and
remove, where its history goes and which page shows its evidence. A
feature registers its holder in its ``init_app`` with ``add_holder``, so
this package never imports the features that use it.
"""
from typing import Callable, NamedTuple

from flask import current_app

from rbtasks.evidence.models import Evidence

_KEY = "rbtasks.evidence_holders"


class EvidenceHolder(NamedTuple):
    """How evidence attaches to one kind of thing.

    ``kind`` is also the name of the ``Evidence`` column that points at it
    without its ``_id`` ("item", "meeting", "answer").
    """

    kind: str
    # (actor, holder_id) → the holder; NotFound when the actor may not see it
    find: Callable
    # (actor, holder) → None; PermissionDenied or Conflict when they may not add
    check_may_add: Callable
    # (actor, holder, evidence) → None; PermissionDenied or Conflict when they may not remove
    check_may_remove: Callable
    # (holder, actor, action, now, subject, note) → None: the holder's history
    record: Callable
    # (holder) → the URL of the page that shows the holder's evidence
    page_url: Callable

    @property
    def column(self):
        return getattr(Evidence, f"{self.kind}_id")


def add_holder(app, holder):
    if not hasattr(Evidence, f"{holder.kind}_id"):
        raise ValueError(f"evidence has no column {holder.kind}_id")
    app.extensions.setdefault(_KEY, {})[holder.kind] = holder


def holder_kind(kind):
    return current_app.extensions[_KEY][kind]


def holder_of(evidence):
    """(the holder kind, the holder's id) that the evidence belongs to."""
    for kind, holder in current_app.extensions[_KEY].items():
        holder_id = getattr(evidence, f"{kind}_id")
        if holder_id is not None:
            return holder, holder_id
    raise LookupError(f"evidence {evidence.id} has no registered holder")
