"""The item page's list of notifications about the item (templates/outbox/_panel.html)."""
from rbtasks.items.permissions import can_manage
from rbtasks.outbox.labels import MESSAGE_STATUS_LABELS, STAGE_LABELS
from rbtasks.outbox.log import may_read_log, messages_about_item


def item_panel(actor, item, now):
    """Everything ``outbox_panel`` needs: each notification's time, recipient,
    stages and status, and whether to link to the full log."""
    return {
        "item_id": item.id,
        "notifications": messages_about_item(item),
        "show_addresses": can_manage(actor, item),
        "may_open_log": may_read_log(actor) and can_manage(actor, item),
        "stage_labels": STAGE_LABELS,
        "status_labels": MESSAGE_STATUS_LABELS,
    }
