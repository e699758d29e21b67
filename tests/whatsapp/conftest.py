"""Fixtures for the WhatsApp channel: the fake provider on 127.0.0.1
(tests/whatsapp_server.py), pointing the app at it, and WhatsApp outbox rows."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tests.whatsapp_server import WhatsAppServer

TOKEN = "EAAG-rahasia-token-9f8e7d6c5b4a"
WITA = ZoneInfo("Asia/Makassar")


def wita(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=WITA).astimezone(timezone.utc)


@pytest.fixture(scope="session")
def _whatsapp_server():
    server = WhatsAppServer()
    yield server
    server.close()


@pytest.fixture
def wa_server(_whatsapp_server):
    _whatsapp_server.clear()
    yield _whatsapp_server
    _whatsapp_server.clear()


@pytest.fixture
def whatsapp_at(app, monkeypatch, wa_server):
    """``whatsapp_at("gateway"|"cloud"|"", timeout=2)`` configures the channel
    for one test, against the fake server."""

    def point(provider="gateway", timeout=2, url=None, template="rbtasks_notice:id"):
        path = "/v19.0" if provider == "cloud" else "/send"
        for name, value in {
            "RBTASKS_WHATSAPP_PROVIDER": provider,
            "RBTASKS_WHATSAPP_URL": url if url is not None else (
                wa_server.url + path if provider else ""),
            "RBTASKS_WHATSAPP_TOKEN": TOKEN if provider else "",
            "RBTASKS_WHATSAPP_PHONE_NUMBER_ID": "109876543210" if provider == "cloud" else "",
            "RBTASKS_WHATSAPP_TEMPLATE": template,
            "RBTASKS_WHATSAPP_TIMEOUT": timeout,
        }.items():
            monkeypatch.setitem(app.config, name, value)
        return wa_server

    return point


@pytest.fixture
def make_whatsapp(db, now):
    """``make_whatsapp(**columns)``: a committed, due WhatsApp outbox row."""
    from rbtasks.outbox.models import OutboxMessage
    from rbtasks.outbox.services import new_message_id

    counter = iter(range(1, 100_000))

    def make(**overrides):
        n = next(counter)
        values = {
            "kind": "reminder", "channel": "whatsapp", "recipient_email": "",
            "recipient_phone": f"62812345{n:05d}", "recipient_name": f"Penerima {n}",
            "locale": "id", "subject": "", "body_html": "",
            "body_text": f"[RB] 1 rencana aksi terlambat ({n}). Lihat Tugas saya: "
                         "http://rbtasks.test/my-items",
            "message_id": new_message_id(), "status": "pending", "attempts": 0,
            "planned_at": now - timedelta(minutes=5), "next_attempt_at": now - timedelta(minutes=5),
        }
        message = OutboxMessage(**{**values, **overrides})
        db.session.add(message)
        db.session.commit()
        return message

    return make


@pytest.fixture
def reload(db):
    from rbtasks.outbox.models import OutboxMessage

    def again(message):
        db.session.expire_all()
        return db.session.get(OutboxMessage, message.id)

    return again
