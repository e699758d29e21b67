"""The life of an action item: which action moves it from which status to which, and who may act.

An item is only done when someone other than its owner has checked its
evidence, as RB assessors demand.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from rbtasks.items.constants import (
    BLOCKED,
    CANCELLED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    STATUSES,
    SUBMITTED,
)

OWNER, COORDINATOR, ADMIN = "owner", "coordinator", "admin"


@dataclass(frozen=True)
class Rule:
    action: str
    sources: tuple
    target: str
    actors: tuple  # which relations to the item may act
    needs_reason: bool = False
    needs_evidence: bool = False
    label: str = ""
    reason_label: str = ""


RULES = {
    rule.action: rule
    for rule in (
        Rule("start", (NOT_STARTED,), IN_PROGRESS, (OWNER, COORDINATOR, ADMIN),
             label=_l("Start")),
        Rule("block", (IN_PROGRESS,), BLOCKED, (OWNER, COORDINATOR, ADMIN), needs_reason=True,
             label=_l("Mark as blocked"), reason_label=_l("What is blocking it?")),
        Rule("unblock", (BLOCKED,), IN_PROGRESS, (OWNER, COORDINATOR, ADMIN),
             label=_l("Resume")),
        Rule("submit", (IN_PROGRESS,), SUBMITTED, (OWNER,), needs_evidence=True,
             label=_l("Submit for verification"), reason_label=_l("Realisation note")),
        Rule("verify", (SUBMITTED,), DONE, (COORDINATOR, ADMIN),
             label=_l("Verify as done")),
        Rule("return", (SUBMITTED,), IN_PROGRESS, (COORDINATOR, ADMIN), needs_reason=True,
             label=_l("Return to the owner"), reason_label=_l("What is missing?")),
        Rule("cancel", tuple(s for s in STATUSES if s != DONE and s != CANCELLED), CANCELLED,
             (COORDINATOR, ADMIN), needs_reason=True,
             label=_l("Cancel item"), reason_label=_l("Why is it cancelled?")),
        Rule("reopen", (DONE, CANCELLED), IN_PROGRESS, (COORDINATOR, ADMIN), needs_reason=True,
             label=_l("Reopen"), reason_label=_l("Why is it reopened?")),
    )
}
ACTIONS = tuple(RULES)
