"""The item page's list of notifications about the item (templates/outbox/_panel.html).

Besides the reminders (outbox entries about the item), features that tell
people about an item in other ways add their rows with
:func:`add_item_notifications` (the event notices do), so the outbox never
imports them.
"""
from dataclasses import dataclass

from flask import current_app

from rbtasks.items.permissions import can_manage
from rbtasks.outbox.labels import CHANNEL_LABELS, MESSAGE_STATUS_LABELS, STAGE_LABELS
from rbtasks.outbox.log import may_read_log, messages_about_item

SOURCES = "rbtasks.outbox_item_notifications"


@dataclass(frozen=True)
class PanelRow:
    """A notification the panel lists beside the reminders."""

    at: object                 # aware datetime
    recipient_name: str
    recipient_email: str
    what: str
    status: str | None         # an outbox status, or None with ``status_text``
    status_text: str = ""
    channel: str = "email"     # rbtasks.outbox.models.CHANNELS; "" for none (in the app)


def add_item_notifications(app, rows):
    """``rows(actor, item)`` gives PanelRows about ``item`` for the panel."""
    app.extensions.setdefault(SOURCES, []).append(rows)


def item_panel(actor, item, now):
    """Everything ``outbox_panel`` needs: each notification's time, recipient,
    stages and status, and whether to link to the full log."""
    more = [row for rows in current_app.extensions.get(SOURCES, ())
            for row in rows(actor, item)]
    return {
        "item_id": item.id,
        "notifications": messages_about_item(item),
        "more": sorted(more, key=lambda row: row.at, reverse=True),
        "show_addresses": can_manage(actor, item),
        "may_open_log": may_read_log(actor) and can_manage(actor, item),
        "stage_labels": STAGE_LABELS,
        "status_labels": MESSAGE_STATUS_LABELS,
        "channel_labels": CHANNEL_LABELS,
    }
