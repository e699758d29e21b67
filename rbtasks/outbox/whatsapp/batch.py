"""Delivering the outbox's WhatsApp messages: the same claims, lease and
outcomes as email (rbtasks.outbox.delivery), one HTTP request per message.

Nothing goes out during the quiet hours: the rows stay pending and the
first delivery after 06:00 WITA takes them. Without a provider the due rows
are held, and the log says what would have been sent. Each request's
timeout is ``RBTASKS_WHATSAPP_TIMEOUT`` or the time left before the claim's
deadline, whichever is less, so a message's outcome is written while its
claim is still ours: two delivery processes never send one message twice.
"""
import logging
import time

import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.outbox import claiming
from rbtasks.outbox.lease import Lease
from rbtasks.outbox.models import WHATSAPP, OutboxMessage
from rbtasks.outbox.whatsapp import sender
from rbtasks.outbox.whatsapp.quiet_hours import in_quiet_hours
from rbtasks.outbox.whatsapp.settings import WhatsAppSettings
from rbtasks.settings_store.policy import load_policy

logger = logging.getLogger("rbtasks.outbox.whatsapp")


def deliver(now, limit, worker, batch_size, report):
    """Send up to ``limit`` due WhatsApp messages, adding to ``report``
    (a DeliveryReport). Commits, as email delivery does."""
    settings = WhatsAppSettings.current()
    if in_quiet_hours(now, settings):
        return
    if not settings.sends:
        held = claiming.hold_due(now, limit, WHATSAPP)
        _log_held(held)
        report.held += len(held)
        return
    policy, lease = load_policy(), Lease.configured(now)
    db.session.commit()  # end the read; claims start their own transactions
    remaining = limit
    while remaining > 0:
        ids = claiming.claim_due(now, min(batch_size, remaining), worker, lease.renewed(),
                                 channel=WHATSAPP)
        if not ids:
            break
        _send_batch(ids, now, worker, settings, policy, lease, report)
        remaining -= len(ids)


def _log_held(ids):
    """What would have been sent, for the operator of a demo or a test set-up."""
    if not ids:
        return
    rows = db.session.execute(
        sa.select(OutboxMessage.id, OutboxMessage.recipient_phone, OutboxMessage.body_text)
        .where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)).all()
    db.session.commit()
    for message_id, phone, text in rows:
        logger.info("WhatsApp message %s not sent (no RBTASKS_WHATSAPP_PROVIDER); to %s: %s",
                    message_id, phone, text)


def _send_batch(ids, now, worker, settings, policy, lease, report):
    rows = db.session.execute(
        sa.select(OutboxMessage.id, OutboxMessage.attempts, OutboxMessage.recipient_phone,
                  OutboxMessage.body_text)
        .where(OutboxMessage.id.in_(ids)).order_by(OutboxMessage.id)).all()
    db.session.commit()  # no transaction stays open while we talk to the provider
    ours = set(ids)
    for position, (message_id, attempts, phone, text) in enumerate(rows):
        if lease.needs_renewal():
            ours = claiming.renew([row[0] for row in rows[position:]], worker, lease.renewed())
        if message_id not in ours:
            logger.info("WhatsApp message %s: our claim lapsed and another worker has it.",
                        message_id)
            continue
        if not phone or not text:
            claiming.mark_failed(message_id, worker, attempts, "no phone number or no text")
            report.failed += 1
            continue
        left = lease.deadline() - time.monotonic()
        if left <= 0:
            outcome = sender.Outcome(sender.TEMPORARY, "timed out")
        else:
            outcome = sender.send(settings, phone, text, min(settings.timeout, left))
        _record(message_id, attempts, outcome, now, worker, policy, report)


def _record(message_id, attempts, outcome, now, worker, policy, report):
    if outcome.kind == sender.SENT:
        if not claiming.mark_sent(message_id, worker, attempts, now):
            logger.warning("WhatsApp message %s was sent after its claim lapsed.", message_id)
        report.sent += 1
    elif outcome.kind == sender.PERMANENT:
        logger.warning("WhatsApp message %s failed: %s", message_id, outcome.error)
        claiming.mark_failed(message_id, worker, attempts, outcome.error)
        report.failed += 1
    elif claiming.mark_retry(message_id, worker, attempts, outcome.error, now, policy,
                             retry_after=outcome.retry_after, channel=WHATSAPP):
        logger.info("WhatsApp message %s will be retried: %s", message_id, outcome.error)
        report.retried += 1
    else:
        report.failed += 1
