"""The outbox's services: message ids, delivery, resend and the notification log.

The work lives in small modules (claiming, compose, smtp, delivery, log);
this module is the one other features import from.
"""
import uuid
from email.utils import parseaddr

from flask import current_app

from rbtasks.outbox.delivery import DeliveryReport, deliver_pending  # noqa: F401
from rbtasks.outbox.log import (  # noqa: F401
    LogFilters, filters_from_args, get_message, log_row, may_read_log, messages_about_item,
    notification_log, resend,
)


def new_message_id():
    """A fresh, globally unique ``Message-ID`` for an outbox row.

    It is stored with the row before anything is sent, so a resend of the
    same row carries the same id and the recipient's mail client (and the
    tests) can recognise it. The domain is the sender's, since spam filters
    distrust ids that name a host the mail did not come from.
    """
    _name, address = parseaddr(current_app.config.get("MAIL_DEFAULT_SENDER") or "")
    domain = address.rpartition("@")[2] if "@" in address else ""
    return f"<{uuid.uuid4().hex}@{domain or 'rbtasks'}>"
