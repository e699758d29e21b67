"""The outbox's services: queueing emails, delivery, resend and the notification log.

The work lives in small modules (queue, claiming, compose, smtp, delivery,
log); this module is the one other features import from.
"""
from rbtasks.outbox.delivery import (  # noqa: F401
    DeliveryReport, deliver_all_due, deliver_pending, plan_then_deliver,
)
from rbtasks.outbox.log import (  # noqa: F401
    LogFilters, filters_from_args, get_message, may_read_log, messages_about_item,
    notification_log, resend,
)
from rbtasks.outbox.queue import (  # noqa: F401
    Entry, PlannedEmail, already_queued, dedup_key, enqueue, new_message_id,
)
