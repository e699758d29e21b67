"""The kinds of event notice, as data: who is told by default, how each reads.

Features call ``notify(kind, …)`` (rbtasks/notices/services.py) with one of
these names where the event happens; a kind's ``audience`` names the people
told without being listed by the caller (the item's owner, the pokja's
coordinators, the heads of the item's agency), and the caller adds the others
(the previous owner, the requester of an extension, the people mentioned).

The profile lists these kinds, in this order, with a checkbox per channel;
overdue and escalation mail (the daily reminders) are listed after them as
always on.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

OWNER, COORDINATORS, AGENCY_HEADS = "owner", "coordinators", "agency_heads"


@dataclass(frozen=True)
class NoticeKind:
    name: str
    label: str          # the profile's name for the kind (lazy)
    line: str           # what happened, to the recipient, with %(actor)s (lazy)
    event: str          # what happened, for anyone (the item's notification panel)
    audience: tuple = ()


KINDS = {kind.name: kind for kind in (
    NoticeKind("assigned", _l("An item is given to me"),
               _l("%(actor)s made you responsible for this item"), _l("Made owner"),
               (OWNER,)),
    NoticeKind("moved", _l("An item of mine is given to someone else"),
               _l("%(actor)s gave this item to someone else"), _l("Given to someone else")),
    NoticeKind("returned", _l("My item is returned"),
               _l("%(actor)s returned the item to you"), _l("Returned"), (OWNER,)),
    NoticeKind("verified", _l("An item is verified as done"),
               _l("%(actor)s verified the item as done"), _l("Verified"),
               (OWNER, AGENCY_HEADS)),
    NoticeKind("blocked", _l("An item of my pokja is blocked"),
               _l("%(actor)s marked the item as blocked"), _l("Blocked"), (COORDINATORS,)),
    NoticeKind("extension_requested", _l("A later due date is asked for (my pokja)"),
               _l("%(actor)s asked for a later due date"), _l("Later due date asked for"),
               (COORDINATORS,)),
    NoticeKind("extension_approved", _l("A later due date is approved"),
               _l("%(actor)s approved the later due date"), _l("Later due date approved"),
               (OWNER,)),
    NoticeKind("extension_rejected", _l("A later due date is rejected"),
               _l("%(actor)s rejected the request for a later due date"),
               _l("Later due date rejected"), (OWNER,)),
    NoticeKind("comment", _l("A comment on an item I own or coordinate"),
               _l("%(actor)s commented"), _l("Comment"), (OWNER, COORDINATORS)),
    NoticeKind("mentioned", _l("Someone mentions me in a comment"),
               _l("%(actor)s mentioned you in a comment"), _l("Mention")),
)}

# The daily reminders' mandatory stages, shown on the profile as always on.
MANDATORY = (
    ("overdue", _l("My item is overdue")),
    ("escalation", _l("Escalation of an overdue item")),
)

SOMEONE = _l("Someone")


def line(kind, actor_name):
    """What happened, in the current language: "Oktavianus Pello, S.H., M.H. returned …"."""
    spec = KINDS.get(kind)
    if spec is None:
        return kind
    return str(spec.line) % {"actor": actor_name or str(SOMEONE)}
