"""The event notices about an item, as rows of the item page's notification
panel (rbtasks/outbox/panel.py), beside the reminders: one row per notice
for its email (or the bell), and one more for its WhatsApp copy."""
from flask_babel import lazy_gettext as _l

from rbtasks.notices.kinds import KINDS
from rbtasks.notices.models import EMAIL, WHATSAPP
from rbtasks.notices.services import item_notices
from rbtasks.outbox.panel import PanelRow

WAITING = _l("Waiting to be grouped")
IN_APP_ONLY = _l("In the app only")


def panel_rows(actor, item):
    rows = []
    for notice in item_notices(item):
        spec = KINDS.get(notice.kind)
        what = str(spec.event) if spec else notice.kind
        message = notice.email_message
        rows.append(PanelRow(
            at=notice.created_at, recipient_name=notice.recipient.name,
            recipient_email=notice.recipient.email, what=what,
            status=message.status if message is not None else None,
            status_text="" if message is not None
            else str(IN_APP_ONLY if notice.dispatched_at else WAITING),
            channel=EMAIL if message is not None else ""))
        if notice.whatsapp_message is not None:
            rows.append(PanelRow(
                at=notice.created_at, recipient_name=notice.recipient.name,
                recipient_email=notice.whatsapp_message.recipient_phone or "", what=what,
                status=notice.whatsapp_message.status, channel=WHATSAPP))
    return rows
