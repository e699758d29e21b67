"""Claiming due outbox rows so that each is sent by exactly one process.

A claim is one short transaction: pick due ids with ``SELECT … FOR UPDATE
SKIP LOCKED`` (PostgreSQL, MariaDB 10.6+; rows another process is claiming
are skipped rather than waited for), mark them ``sending`` with this worker's
name and a claim expiry, commit. The UPDATE repeats the "due" condition, so
even where FOR UPDATE means nothing (SQLite, which serialises writers
instead) a row claimed by someone else in the meantime is left alone; the
worker then reads back only the rows that carry its own name.

A claim lasts a short lease that the worker renews as its batch goes on
(see rbtasks.outbox.lease). A worker that dies mid-batch leaves rows
``sending``; once their claim has expired they are due again. Every
outcome is written in its own small transaction and only while the claim
is still this worker's.
"""
import os
import socket
import uuid
from datetime import timedelta

import sqlalchemy as sa

from rbtasks.extensions import db
from rbtasks.outbox.models import (
    EMAIL, FAILED, HELD, PENDING, SENDING, SENT, WHATSAPP, OutboxMessage,
)
from rbtasks.outbox.whatsapp.quiet_hours import after_quiet_hours

ERASED_BODY = "(erased once sent: it held a secret)"

HELD_NOTE = "not sent: no mail server configured"
HELD_NOTES = {EMAIL: HELD_NOTE, WHATSAPP: "not sent: no WhatsApp provider configured"}


def default_worker():
    """``hostname:pid:random``: unique per call, readable in the log."""
    name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    return name[-100:]


def _due(now):
    return sa.or_(
        sa.and_(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now),
        sa.and_(OutboxMessage.status == SENDING, OutboxMessage.claim_expires_at <= now),
    )


# Walk the (channel, status, next_attempt_at) index (pending rows in order,
# or this channel's rows in sending, whose expired claims are few). MariaDB
# otherwise may read and sort every due row first, and in any case locks
# every row it reads until the claim commits, matching or not: a scan of
# another channel's rows, or of every due row, leaves the other workers'
# SKIP LOCKED nothing, and one worker does all the sending.
_CHANNEL_INDEX = "FORCE INDEX (ix_outbox_message_channel_status_next_attempt)"


def _lock_due_ids(now, limit, channel):
    """Lock up to ``limit`` due rows of ``channel`` no other worker holds:
    pending ones first (oldest first), then any whose claim has expired."""
    pending = (
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= now,
               OutboxMessage.channel == channel)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(limit)
        .with_hint(OutboxMessage, _CHANNEL_INDEX, "mysql")
        .with_hint(OutboxMessage, _CHANNEL_INDEX, "mariadb")
        .with_for_update(skip_locked=True)
    )
    ids = list(db.session.scalars(pending))
    if len(ids) < limit:
        expired = (
            sa.select(OutboxMessage.id)
            .where(OutboxMessage.status == SENDING, OutboxMessage.claim_expires_at <= now,
                   OutboxMessage.channel == channel)
            .order_by(OutboxMessage.claim_expires_at, OutboxMessage.id).limit(limit - len(ids))
            .with_hint(OutboxMessage, _CHANNEL_INDEX, "mysql")
            .with_hint(OutboxMessage, _CHANNEL_INDEX, "mariadb")
            .with_for_update(skip_locked=True)
        )
        ids += db.session.scalars(expired)
    return ids


def claim_due(now, limit, worker, expires_at, channel=EMAIL):
    """Claim up to ``limit`` due rows of ``channel`` for ``worker`` until
    ``expires_at`` and commit; their ids, oldest first."""
    ids = _lock_due_ids(now, limit, channel)
    if not ids:
        db.session.commit()
        return []
    db.session.execute(
        sa.update(OutboxMessage).where(OutboxMessage.id.in_(ids), _due(now))
        .values(status=SENDING, claimed_by=worker, claim_expires_at=expires_at)
        .execution_options(synchronize_session=False)
    )
    claimed = list(db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == worker,
               OutboxMessage.status == SENDING)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
    ))
    db.session.commit()
    return claimed


def renew(ids, worker, expires_at):
    """Extend ``worker``'s claim on ``ids`` to ``expires_at`` and commit; the
    ids still claimed by ``worker`` (a claim that lapsed may have been taken
    by another worker, whose it now is)."""
    ids = list(ids)
    result = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == worker,
               OutboxMessage.status == SENDING)
        .values(claim_expires_at=expires_at)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == len(ids):
        db.session.commit()
        return set(ids)
    ours = set(db.session.scalars(
        sa.select(OutboxMessage.id)
        .where(OutboxMessage.id.in_(ids), OutboxMessage.claimed_by == worker,
               OutboxMessage.status == SENDING)
    ))
    db.session.commit()
    return ours


def hold_due(now, limit, channel=EMAIL):
    """Without a mail server (a WhatsApp provider for ``channel`` "whatsapp"):
    mark due rows ``held`` (kept, visible, not failed); their ids."""
    ids = _lock_due_ids(now, limit, channel)
    held = []
    if ids:
        db.session.execute(
            sa.update(OutboxMessage).where(OutboxMessage.id.in_(ids), _due(now))
            .values(status=HELD, last_error=HELD_NOTES[channel], claimed_by=None,
                    claim_expires_at=None)
            .execution_options(synchronize_session=False)
        )
        held = list(db.session.scalars(sa.select(OutboxMessage.id).where(
            OutboxMessage.id.in_(ids), OutboxMessage.status == HELD,
            OutboxMessage.claimed_by.is_(None))))
    db.session.commit()
    return held


def _finish(message_id, worker, **values):
    """Write one outcome, only if the claim is still ours; True when written."""
    result = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == SENDING,
               OutboxMessage.claimed_by == worker)
        .values(claimed_by=None, claim_expires_at=None, **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def mark_sent(message_id, worker, attempts, now, erase_kinds=()):
    """Record the message as sent. The body of a kind in ``erase_kinds`` (one
    that carries a secret, such as a password-reset link) is erased with it:
    it was only kept to be sent."""
    erased = {}
    if erase_kinds:
        erased = {"body_text": sa.case((OutboxMessage.kind.in_(erase_kinds), ERASED_BODY),
                                       else_=OutboxMessage.body_text),
                  "body_html": sa.case((OutboxMessage.kind.in_(erase_kinds), ""),
                                       else_=OutboxMessage.body_html)}
    return _finish(message_id, worker, status=SENT, sent_at=now, attempts=attempts + 1,
                   last_error=None, **erased)


def mark_failed(message_id, worker, attempts, error):
    return _finish(message_id, worker, status=FAILED, attempts=attempts + 1,
                   last_error=error[:2000])


def mark_retry(message_id, worker, attempts, error, now, policy, retry_after=None,
               channel=EMAIL):
    """A temporary failure: try again after ``retry_base_seconds × 2^(attempts-1)``
    — or after ``retry_after`` seconds (a server's Retry-After) when that is
    later, and for WhatsApp never during the quiet hours — or give up (failed)
    once ``max_attempts`` have been made. True when retrying."""
    attempts += 1
    if attempts >= policy.max_attempts:
        note = f"{error} (gave up after {attempts} attempts)"
        _finish(message_id, worker, status=FAILED, attempts=attempts, last_error=note[:2000])
        return False
    delay = timedelta(seconds=policy.retry_base_seconds * 2 ** (attempts - 1))
    if retry_after is not None:
        delay = max(delay, timedelta(seconds=retry_after))
    next_attempt = now + delay
    if channel == WHATSAPP:
        next_attempt = after_quiet_hours(next_attempt)
    _finish(message_id, worker, status=PENDING, attempts=attempts, last_error=error[:2000],
            next_attempt_at=next_attempt)
    return True
