"""Delivering the outbox: claim due rows, send them, record what happened.

Each batch is claimed (and committed) before anything goes on the wire, sent
over one SMTP connection, and every row's outcome is committed as soon as it
is known. The claim is short and renewed as the batch goes on
(rbtasks.outbox.lease), and a message is offered only while its claim holds.
So a message is offered by one process only, a crash loses at most the
outcome of the message in flight and holds the rest of its batch for one
lease, and two delivery processes — or a scheduler and an operator's
``flask rb deliver`` — never send a row twice.

Unlike most services this one commits: the claim must be visible to other
processes before the first byte is sent. Call it with no unsaved changes.
"""
import logging
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from rbtasks.extensions import db
from rbtasks.mail.services import mail_state, mail_configured
from rbtasks.outbox import claiming
from rbtasks.outbox.compose import UnsendableMessage, compose
from rbtasks.outbox.lease import Lease
from rbtasks.outbox.models import OutboxMessage
from rbtasks.outbox.planners import run_planners
from rbtasks.outbox.queue import kinds_erased_once_sent
from rbtasks.outbox.whatsapp import batch as whatsapp_batch
from rbtasks.outbox.smtp import (
    CONNECTION_ERRORS, PERMANENT, SENT, BatchConnection, ConnectionLost, describe,
)
from rbtasks.settings_store.policy import Policy, load_policy

logger = logging.getLogger(__name__)

# Messages one deliver_pending call takes on in deliver_all_due.
RUN_SIZE = 500
# Messages in one batch whose connection broke before the rest is put off.
MAX_LOST_CONNECTIONS = 3


@dataclass
class DeliveryReport:
    """How many due messages were sent, rescheduled, given up on or held."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    held: int = 0
    connections: int = 0

    @property
    def total(self):
        return self.sent + self.retried + self.failed + self.held

    def as_dict(self):
        return {"sent": self.sent, "retried": self.retried, "failed": self.failed,
                "held": self.held}

    def add(self, other):
        for name in ("sent", "retried", "failed", "held", "connections"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def describe(self):
        """One line for the commands that deliver after planning."""
        return _("Delivery: sent %(sent)d, retried %(retried)d, failed %(failed)d, "
                 "held %(held)d", **self.as_dict())


@dataclass
class _Run:
    """What every step of one delivery run needs."""

    now: datetime
    worker: str
    policy: Policy
    lease: Lease
    report: DeliveryReport


def plan_then_deliver(plan, now, deliver):
    """Run ``plan(now)``, then, unless ``deliver`` is None, commit what it
    planned (delivery claims committed rows only) and ``deliver(now)``.
    Returns the plan's report, its ``delivery`` the DeliveryReport (or None)."""
    report = plan(now)
    if deliver is not None:
        db.session.commit()
        report.delivery = deliver(now)
    return report


def deliver_all_due(now, limit=None, worker=None):
    """Deliver everything due as of ``now`` (at most ``limit`` messages when
    given); returns the summed DeliveryReport.

    The one delivery loop of every command and scheduler job: runs of
    RUN_SIZE messages, one after another, until a run comes back short (a
    sweep or digest may plan more than one run takes). Rows that fail for
    now are rescheduled after ``now``, so the loop ends. The registered
    planners (rbtasks/outbox/planners.py) queue what is due first. Commits,
    as :func:`deliver_pending` does.
    """
    run_planners(now)
    total = DeliveryReport()
    while limit is None or total.total < limit:
        size = RUN_SIZE if limit is None else min(RUN_SIZE, limit - total.total)
        report = deliver_pending(now, limit=size, worker=worker)
        db.session.commit()
        total.add(report)
        if report.total < size:
            break
    return total


def deliver_pending(now, limit=500, worker=None, batch_size=None):
    """Send up to ``limit`` due outbox messages (pending and due, or with an
    expired claim); return a DeliveryReport.

    Emails first, then WhatsApp messages (rbtasks.outbox.whatsapp.batch),
    each channel claiming its own rows with the same claims and lease.
    Batches of ``batch_size`` (default ``RBTASKS_DELIVERY_BATCH_SIZE``) are
    claimed one after another, each email batch sent over one SMTP
    connection. Without ``MAIL_SERVER`` nothing connects: due emails become
    ``held`` with the note "not sent: no mail server configured" (WhatsApp
    messages likewise without ``RBTASKS_WHATSAPP_PROVIDER``).
    """
    worker = worker or claiming.default_worker()
    batch_size = batch_size or current_app.config["RBTASKS_DELIVERY_BATCH_SIZE"]
    report = DeliveryReport()
    _deliver_emails(now, limit, worker, batch_size, report)
    if report.total < limit:
        whatsapp_batch.deliver(now, limit - report.total, worker, batch_size, report)
    return report


def _deliver_emails(now, limit, worker, batch_size, report):
    if not mail_configured():
        report.held += len(claiming.hold_due(now, limit))
        return
    run = _Run(now, worker, load_policy(), Lease.configured(now), report)
    db.session.commit()  # end the read; claims start their own transactions
    remaining = limit
    while remaining > 0:
        ids = claiming.claim_due(now, min(batch_size, remaining), worker, run.lease.renewed())
        if not ids:
            break
        _send_batch(ids, run)
        remaining -= len(ids)


def _send_batch(ids, run):
    """Build the claimed messages, then offer them over one connection."""
    ready = _build(ids, run)
    if not ready:
        return
    connection = BatchConnection(mail_state(), current_app.config.get("MAIL_TIMEOUT", 30))
    try:
        connection.open(run.lease.deadline())
    except CONNECTION_ERRORS as error:
        logger.warning("Mail server unusable (%s); %d messages will be retried.",
                       describe(error), len(ready))
        _retry_all(ready, describe(error), run)
        return
    try:
        _offer_all(connection, ready, run)
    finally:
        connection.close()
        run.report.connections += connection.connections


def _build(ids, run):
    """(id, attempts, Outgoing) for each claimed row; rows that can never be
    sent (an invalid address) are marked failed at once."""
    rows = db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.id.in_(ids))
        .options(selectinload(OutboxMessage.attachments)).order_by(OutboxMessage.id)
    ).all()
    ready, unsendable = [], []
    for row in rows:
        try:
            ready.append((row.id, row.attempts, compose(row, run.now)))
        except UnsendableMessage as error:
            unsendable.append((row.id, row.attempts, str(error)))
    db.session.commit()  # no transaction stays open while we talk to the server
    for message_id, attempts, error in unsendable:
        claiming.mark_failed(message_id, run.worker, attempts, error)
        run.report.failed += 1
    return ready


def _offer_all(connection, ready, run):
    """Offer each message while its claim holds, renewing the claim on the
    rest of the batch when half the lease has gone."""
    lost_lines, last_error = 0, None
    ours = {message_id for message_id, _attempts, _outgoing in ready}
    for position, (message_id, attempts, outgoing) in enumerate(ready):
        if lost_lines >= MAX_LOST_CONNECTIONS:
            # A server that keeps dropping or stalling would cost a timeout per
            # message; the rest of the batch waits for its next attempt instead.
            _retry_all(_still_ours(ready[position:], ours), last_error, run)
            return
        if run.lease.needs_renewal():
            rest = [row[0] for row in ready[position:]]
            ours = claiming.renew(rest, run.worker, run.lease.renewed())
        if message_id not in ours:
            logger.info("Outbox message %s: our claim lapsed and another worker has it.",
                        message_id)
            continue
        try:
            outcome = connection.send(outgoing, run.lease.deadline())
        except ConnectionLost as lost:
            _retry_all(_still_ours(ready[position:], ours), lost.error, run)
            return
        if outcome.kind == SENT:
            if not claiming.mark_sent(message_id, run.worker, attempts, run.now,
                                     kinds_erased_once_sent()):
                logger.warning("Outbox message %s was sent after its claim lapsed.", message_id)
            run.report.sent += 1
            continue
        if connection.host is None:
            lost_lines, last_error = lost_lines + 1, outcome.error
        if outcome.kind == PERMANENT:
            claiming.mark_failed(message_id, run.worker, attempts, outcome.error)
            run.report.failed += 1
        else:
            _record_temporary(message_id, attempts, outcome.error, run)


def _still_ours(rows, ours):
    return [row for row in rows if row[0] in ours]


def _retry_all(pending, error, run):
    for message_id, attempts, _outgoing in pending:
        _record_temporary(message_id, attempts, error, run)


def _record_temporary(message_id, attempts, error, run):
    if claiming.mark_retry(message_id, run.worker, attempts, error, run.now, run.policy):
        run.report.retried += 1
    else:
        run.report.failed += 1
