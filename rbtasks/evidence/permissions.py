"""Who may add and remove an item's evidence, and in which statuses.

Both questions are asked of someone who can already see the item.
"""
from rbtasks.items.constants import CANCELLED, DONE
from rbtasks.items.permissions import can_manage, can_update_progress

# Once verified (done) the evidence is what the verification rested on;
# a cancelled item collects no more.
CLOSED_FOR_ADDING = (DONE, CANCELLED)
CLOSED_FOR_REMOVING = (DONE,)


def may_add_evidence(user, item):
    """The item's owner, a coordinator of its pokja, or an admin."""
    return can_update_progress(user, item)


def may_remove_evidence(user, item, evidence):
    """Whoever added it, a coordinator of the item's pokja, or an admin."""
    return (evidence.added_by_id is not None and evidence.added_by_id == user.id) \
        or can_manage(user, item)


def shows_add_forms(user, item):
    return may_add_evidence(user, item) and item.status not in CLOSED_FOR_ADDING


def shows_remove_button(user, item, evidence):
    return may_remove_evidence(user, item, evidence) and item.status not in CLOSED_FOR_REMOVING
