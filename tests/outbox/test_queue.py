"""enqueue: every planned email becomes a pending outbox row, with its entries,
attachments, Message-ID and once-only key; nothing is sent."""
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from rbtasks.mail import Attachment, RenderedEmail
from rbtasks.outbox.models import OutboxMessage
from rbtasks.outbox.services import (
    Entry, PlannedEmail, already_queued, dedup_key, enqueue,
)

RENDERED = RenderedEmail(subject="[RB] 1 rencana aksi terlambat", body_text="Yth. Bapak,",
                         body_html="<p>Yth. Bapak,</p>")


def planned(**overrides):
    values = {"kind": "reminder", "recipient_email": "oktavianus.pello@nttprov.go.id",
              "recipient_name": "Oktavianus Pello, S.H., M.H.", "locale": "id",
              "rendered": RENDERED}
    return PlannedEmail(**{**values, **overrides})


def test_each_email_becomes_a_pending_row_with_its_entries(db, make_item, mailbox, now):
    item = make_item(due_date=date(2026, 11, 23))
    entry = Entry(item_id=item.id, stage="overdue", due_date=item.due_date, period=0)
    ids = enqueue([planned(entries=(entry,)), planned(recipient_email="maria@nttprov.go.id",
                                                      kind="digest")], now)
    db.session.commit()

    first, second = (db.session.get(OutboxMessage, message_id) for message_id in ids)
    assert (first.status, first.attempts, first.planned_at, first.next_attempt_at) == (
        "pending", 0, now, now)
    assert (first.subject, first.body_text, first.body_html) == (
        RENDERED.subject, RENDERED.body_text, RENDERED.body_html)
    assert first.recipient_name == "Oktavianus Pello, S.H., M.H."
    assert [(e.item_id, e.stage, e.due_date, e.period, e.recipient_email)
            for e in first.entries] == [
        (item.id, "overdue", date(2026, 11, 23), 0, "oktavianus.pello@nttprov.go.id")]
    assert second.kind == "digest" and second.entries == []
    assert first.message_id != second.message_id
    assert first.message_id.startswith("<") and first.message_id.endswith("@test.go.id>")
    assert mailbox.received() == []


def test_inline_attachments_stay_with_their_row(db, now):
    chart = Attachment(filename="pokja-progress.png", content_type="image/png",
                       content_id="pokja-progress.1@rbtasks", data=b"\x89PNG\r\n")
    rendered = RenderedEmail(subject="Ringkasan", body_text="t",
                             body_html='<img src="cid:pokja-progress.1@rbtasks">',
                             attachments=(chart,))
    [message_id] = enqueue([planned(kind="digest", rendered=rendered)], now)
    db.session.commit()
    [stored] = db.session.get(OutboxMessage, message_id).attachments
    assert (stored.filename, stored.content_type, stored.content_id, stored.data) == (
        "pokja-progress.png", "image/png", "pokja-progress.1@rbtasks", b"\x89PNG\r\n")


def test_a_long_name_is_cut_to_the_column(db, now):
    [message_id] = enqueue([planned(recipient_name="Dr. " + "Maria Bessie " * 30)], now)
    assert len(db.session.get(OutboxMessage, message_id).recipient_name) == 200


def test_the_once_only_key_refuses_a_second_email(db, now):
    key = dedup_key("digest", "2026-W49", "ketua@nttprov.go.id")
    assert key == "digest:2026-W49:ketua@nttprov.go.id"
    enqueue([planned(kind="digest", dedup_key=key)], now)
    db.session.commit()
    assert already_queued([key, "digest:2026-W49:lain@nttprov.go.id"]) == {key}
    with pytest.raises(IntegrityError):
        enqueue([planned(kind="digest", dedup_key=key)], now)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 1


def test_a_key_too_long_for_its_column_hashes_its_last_part():
    address = "a" * 250 + "@nttprov.go.id"
    key = dedup_key("digest", "2026-W49", address)
    assert key.startswith("digest:2026-W49:sha256:") and len(key) <= 200
    assert key == dedup_key("digest", "2026-W49", address)
    assert key != dedup_key("digest", "2026-W49", "b" + address)


def test_nothing_to_queue_writes_nothing(db, now):
    assert enqueue([], now) == []
