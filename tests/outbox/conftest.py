"""Fixtures for the outbox: a small world of notifications (``make_message`` and
``smtp_at`` are in tests/conftest.py)."""
from datetime import timedelta

import pytest


@pytest.fixture
def reload_message(db):
    from rbtasks.outbox.models import OutboxMessage

    def reload(message):
        db.session.expire_all()
        return db.session.get(OutboxMessage, message.id)

    return reload


@pytest.fixture
def world(make_user, make_pokja, make_item, make_message, now):
    """Two pokjas, a coordinator of the first, and messages about each."""
    admin = make_user(role="admin", locale="en")
    coordinator = make_user(role="coordinator", locale="en")
    member = make_user(role="member", locale="en")
    leader = make_user(role="leader", locale="en")
    ours = make_pokja(coordinators=[coordinator], members=[member])
    theirs = make_pokja()
    sop = make_item(pokja=ours, title="Menyusun SOP pelayanan")
    survey = make_item(pokja=theirs, title="Survei kepuasan masyarakat")
    failed = make_message(items=[(sop, "overdue")], recipient_email="pemilik@ntt.go.id",
                          recipient_name="Ibu Pemilik", status="failed", attempts=1,
                          last_error="550 5.1.1 No such user", planned_at=now)
    sent = make_message(items=[(survey, "escalation_1")], recipient_email="kepala@ntt.go.id",
                        recipient_name="Kepala Dinas", status="sent", attempts=1, sent_at=now,
                        planned_at=now - timedelta(hours=1))
    both = make_message(items=[(sop, "escalation_2"), (survey, "escalation_2")],
                        recipient_email="ketua@ntt.go.id", status="held",
                        last_error="not sent: no mail server configured",
                        planned_at=now - timedelta(hours=2))
    return locals()
