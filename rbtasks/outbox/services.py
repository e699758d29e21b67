"""The outbox's services: queueing emails and WhatsApp messages, delivery,
resend and the notification log.

The work lives in small modules (queue, claiming, compose, smtp, delivery,
log); this module is the one other features import from.
"""
from rbtasks.outbox.delivery import (  # noqa: F401
    DeliveryReport, deliver_all_due, deliver_pending, plan_then_deliver,
)
from rbtasks.outbox.log import (  # noqa: F401
    LogFilters, filters_from_args, get_message, log_row, may_read_log, messages_about_item,
    notification_log, resend,
)
from rbtasks.outbox.queue import (  # noqa: F401
    MAX_WHATSAPP_TEXT, Entry, PlannedEmail, PlannedWhatsApp, already_queued, dedup_key, enqueue,
    erase_once_sent, new_message_id, shorten,
)
from rbtasks.outbox.models import CHANNELS, EMAIL, WHATSAPP  # noqa: F401


def _delivery_counts(report):
    as_dict = getattr(report, "as_dict", None)
    return as_dict() if callable(as_dict) else {}


def delivery_total(report):
    """How many messages a delivery report counts, for deciding whether to log it."""
    return sum(value for value in _delivery_counts(report).values() if isinstance(value, int))


def describe_delivery(report):
    """One line for a log: "sent 3, retried 0, …", or "nothing to do"."""
    counts = _delivery_counts(report)
    return ", ".join(f"{name} {value}" for name, value in counts.items()) or "nothing to do"
