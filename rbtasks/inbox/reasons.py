"""Why an item is in someone's "Perlu tindakan", most urgent first, and how
each reason reads in the reader's language.

A :class:`Reason` keeps plain facts (names, dates, counts); its ``text`` is
written when it is read, so a page and the API answer in the reader's
language with the same words.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import ngettext

from rbtasks.i18n import short_date
from rbtasks.reminders import stages

# The codes, in the order of urgency: an entry leads with its most urgent reason.
# The escalations are the reminders' stages of the same names.
ESCALATION_2 = stages.ESCALATION_2   # leaders (and the agency's head): the RB team is told
ESCALATION_1 = stages.ESCALATION_1   # the agency's head: escalated to them
OVERDUE = "overdue"              # the owner, the agency's head
RETURNED = "returned"            # the owner: a coordinator sent it back
TO_VERIFY = "to_verify"          # coordinators, admins: submitted for verification
EXTENSION = "extension"          # coordinators, admins: a later due date asked for
DUE_SOON = "due_soon"            # the owner: due within DUE_SOON_DAYS
CODES = (ESCALATION_2, ESCALATION_1, OVERDUE, RETURNED, TO_VERIFY, EXTENSION, DUE_SOON)
URGENCY = {code: rank for rank, code in enumerate(CODES)}

# An escalated item is overdue: the highest of these says all.
OVERDUE_FAMILY = (ESCALATION_2, ESCALATION_1, OVERDUE)

# Where on the item page each reason is dealt with.
ANCHORS = {RETURNED: "workflow", TO_VERIFY: "workflow", EXTENSION: "deadlines"}


@dataclass(frozen=True)
class Reason:
    """One reason for an entry. ``since`` is a datetime (UTC) for an event
    (the submission, the return, the request) and a date in the province's
    zone for a calendar fact (the due date, the day of the escalation)."""

    code: str
    since: date | datetime
    facts: dict = field(default_factory=dict, compare=False)

    @property
    def text(self):
        return describe(self)

    @property
    def is_moment(self):
        return isinstance(self.since, datetime)

    @property
    def anchor(self):
        return ANCHORS.get(self.code)

    @property
    def dated_by_due_date(self):
        """Due soon and overdue count from the due date, which the page shows anyway."""
        return self.code in (DUE_SOON, OVERDUE)


def describe(reason):
    """The reason as a sentence in the current language."""
    facts = reason.facts
    code = reason.code
    if code in (ESCALATION_2, ESCALATION_1):
        days = facts["working_days"]
        if code == ESCALATION_2:
            return ngettext("Escalated to the RB team leader: %(num)d working day overdue",
                            "Escalated to the RB team leader: %(num)d working days overdue",
                            days)
        return ngettext("Escalated to the agency head: %(num)d working day overdue",
                        "Escalated to the agency head: %(num)d working days overdue", days)
    if code == OVERDUE:
        return ngettext("Overdue: %(num)d day late", "Overdue: %(num)d days late",
                        facts["days"])
    if code == RETURNED:
        return _("Returned by %(name)s: %(reason)s", name=_person(facts["by"]),
                 reason=facts["note"] or "—")
    if code == TO_VERIFY:
        if facts["owner"]:
            return _("Waiting for your verification, submitted by %(name)s",
                     name=facts["owner"])
        return _("Waiting for your verification")
    if code == EXTENSION:
        return _("%(name)s asks to move the due date from %(old)s to %(new)s.",
                 name=_person(facts["by"]), old=short_date(facts["old"]),
                 new=short_date(facts["new"]))
    if code == DUE_SOON:
        days = facts["days"]
        if days == 0:
            return _("The due date is today")
        if days == 1:
            return _("The due date is tomorrow")
        return ngettext("Due in %(num)d day", "Due in %(num)d days", days)
    raise ValueError(f"unknown reason {code!r}")


def _person(name):
    return name or _("(removed user)")
