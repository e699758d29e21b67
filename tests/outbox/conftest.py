"""Fixtures for the outbox: planned messages and reloading them."""
from datetime import timedelta

import pytest


@pytest.fixture
def make_message(db, now):
    """``make_message(items=[(item, "overdue")], **columns)``: a committed outbox row."""
    from rbtasks.outbox.models import OutboxEntry, OutboxMessage
    from rbtasks.outbox.services import new_message_id

    counter = iter(range(1, 100_000))

    def make(items=(), **overrides):
        n = next(counter)
        values = {
            "kind": "reminder", "recipient_email": f"penerima{n}@ntt.go.id",
            "recipient_name": f"Penerima {n}", "locale": "id",
            "subject": f"[RB] Pengingat {n}", "body_text": f"Teks pengingat {n}",
            "body_html": f"<p>Pengingat <b>{n}</b></p>", "message_id": new_message_id(),
            "status": "pending", "attempts": 0, "planned_at": now - timedelta(minutes=5),
            "next_attempt_at": now - timedelta(minutes=5),
        }
        message = OutboxMessage(**{**values, **overrides})
        for item, stage in items:
            message.entries.append(OutboxEntry(
                item_id=item.id, stage=stage, due_date=item.due_date, period=0,
                recipient_email=message.recipient_email))
        db.session.add(message)
        db.session.commit()
        return message

    return make


@pytest.fixture
def reload_message(db):
    from rbtasks.outbox.models import OutboxMessage

    def reload(message):
        db.session.expire_all()
        return db.session.get(OutboxMessage, message.id)

    return reload
