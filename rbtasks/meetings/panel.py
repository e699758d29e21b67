"""The item page's panel for an item made from a meeting's decision:
"Tindak lanjut kesepakatan rapat: <meeting>, <date>" linking to the meeting."""
from rbtasks.meetings.decisions import decision_of_item


def item_panel(actor, item, now):
    """The decision the item follows up and its meeting, or None (no panel)."""
    decision = decision_of_item(item.id)
    if decision is None:
        return None
    return {"decision": decision, "meeting": decision.meeting}
