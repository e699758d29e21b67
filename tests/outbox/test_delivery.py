"""Delivery to a real SMTP server: what arrives, and what the rows record."""
from datetime import timedelta

import pytest

from rbtasks.outbox.models import OutboxAttachment
from rbtasks.outbox.services import deliver_pending
from tests.outbox.servers import ReplyingServer, message_ids
from tests.smtp import html_part, text_part


@pytest.fixture
def count_connections(mailbox, monkeypatch):
    """How many SMTP sessions the shared mailbox server opened during the test."""
    controller = mailbox.controller
    opened = []
    original = controller.factory

    def counting_factory():
        opened.append(1)
        return original()

    monkeypatch.setattr(controller, "factory", counting_factory)
    return lambda: len(opened)


def test_a_batch_arrives_whole_over_one_connection(mailbox, count_connections, make_message,
                                                   reload_message, now):
    rows = [make_message() for _ in range(5)]

    report = deliver_pending(now)

    assert (report.sent, report.retried, report.failed, report.held) == (5, 0, 0, 0)
    assert count_connections() == 1
    received = mailbox.received()
    assert sorted(message_ids(entry["message"] for entry in received)) == sorted(
        row.message_id for row in rows)
    for row in rows:
        [message] = mailbox.to(row.recipient_email)
        assert message["Message-ID"] == row.message_id
        assert message["Subject"] == row.subject
        assert row.recipient_name in message["To"]
        assert text_part(message).strip() == row.body_text
        assert row.body_html in html_part(message)
        fresh = reload_message(row)
        assert fresh.status == "sent"
        assert fresh.sent_at == now
        assert fresh.attempts == 1
        assert fresh.claimed_by is None and fresh.last_error is None


def test_inline_attachments_carry_their_content_id(mailbox, make_message, db, now):
    row = make_message(body_html='<p><img src="cid:chart@rbtasks"></p>')
    db.session.add(OutboxAttachment(message_id=row.id, filename="chart.png",
                                    content_type="image/png", content_id="chart@rbtasks",
                                    data=b"\x89PNG\r\n\x1a\nnot-really"))
    db.session.commit()

    assert deliver_pending(now).sent == 1

    [message] = mailbox.to(row.recipient_email)
    [image] = [part for part in message.walk() if part.get_content_type() == "image/png"]
    assert image["Content-ID"] == "<chart@rbtasks>"
    assert image.get_content_disposition() == "inline"
    assert image.get_content() == b"\x89PNG\r\n\x1a\nnot-really"
    assert 'src="cid:chart@rbtasks"' in html_part(message)


def test_only_due_rows_are_sent(mailbox, make_message, reload_message, now):
    due = make_message(next_attempt_at=now)
    later = make_message(next_attempt_at=now + timedelta(minutes=1))
    done = make_message(status="sent", sent_at=now - timedelta(days=1))
    failed = make_message(status="failed", last_error="550 no such user")

    report = deliver_pending(now)

    assert report.sent == 1
    assert message_ids(e["message"] for e in mailbox.received()) == [due.message_id]
    assert reload_message(later).status == "pending"
    assert reload_message(done).sent_at == now - timedelta(days=1)
    assert reload_message(failed).status == "failed"


def test_an_expired_claim_is_taken_over_and_a_live_one_left_alone(mailbox, make_message,
                                                                   reload_message, now):
    abandoned = make_message(status="sending", claimed_by="dead-host:1:x",
                             claim_expires_at=now - timedelta(seconds=1))
    in_flight = make_message(status="sending", claimed_by="live-host:2:y",
                             claim_expires_at=now + timedelta(minutes=5))

    report = deliver_pending(now)

    assert report.sent == 1
    assert message_ids(e["message"] for e in mailbox.received()) == [abandoned.message_id]
    assert reload_message(abandoned).status == "sent"
    still = reload_message(in_flight)
    assert (still.status, still.claimed_by) == ("sending", "live-host:2:y")


def test_limit_caps_one_run(mailbox, make_message, reload_message, now):
    rows = [make_message(next_attempt_at=now - timedelta(minutes=10 - n)) for n in range(4)]

    report = deliver_pending(now, limit=3)

    assert report.sent == 3
    assert [reload_message(row).status for row in rows] == ["sent", "sent", "sent", "pending"]


def test_batches_each_use_one_connection(make_message, smtp_at, now):
    rows = [make_message() for _ in range(7)]
    with ReplyingServer() as server:
        smtp_at(server.port)
        report = deliver_pending(now, batch_size=3)

    assert report.sent == 7
    assert report.connections == 3
    assert server.connections == 3
    assert sorted(message_ids(server.messages)) == sorted(row.message_id for row in rows)


def test_without_a_mail_server_rows_are_held_and_nothing_connects(make_message, smtp_at,
                                                                   reload_message, now):
    rows = [make_message() for _ in range(2)]
    later = make_message(next_attempt_at=now + timedelta(hours=1))
    with ReplyingServer() as server:
        smtp_at(server.port, server="")
        report = deliver_pending(now)
        again = deliver_pending(now)

    assert (report.held, report.sent, report.failed) == (2, 0, 0)
    assert again.total == 0
    assert server.connections == 0
    for row in rows:
        held = reload_message(row)
        assert held.status == "held"
        assert held.last_error == "not sent: no mail server configured"
        assert held.attempts == 0
    assert reload_message(later).status == "pending"


def test_an_invalid_address_fails_at_once_and_the_rest_go_out(mailbox, make_message,
                                                             reload_message, now):
    bad = make_message(recipient_email="not-an-address")
    good = make_message()

    report = deliver_pending(now)

    assert (report.sent, report.failed, report.retried) == (1, 1, 0)
    failed = reload_message(bad)
    assert failed.status == "failed"
    assert "invalid address" in failed.last_error
    assert mailbox.to(good.recipient_email)
    assert reload_message(good).status == "sent"


def test_long_lines_and_indonesian_text_arrive_intact(mailbox, make_message, reload_message,
                                                      now):
    html = "<ul>" + "".join(f"<li>Rencana aksi <b>{n}</b> — terlambat</li>" for n in range(200)) \
        + "</ul>"  # one line of about 9,000 characters
    text = "Yth. Ibu Né, " + "rencana aksi terlambat — " * 100
    row = make_message(subject="[RB] 3 rencana aksi terlambat — Inspektorat Daerah",
                       recipient_name="Ibu Né", body_text=text, body_html=html)

    assert deliver_pending(now).sent == 1

    [message] = mailbox.to(row.recipient_email)
    assert message["Subject"] == "[RB] 3 rencana aksi terlambat — Inspektorat Daerah"
    assert text_part(message).strip() == text.strip()
    assert html_part(message).strip() == html
    assert reload_message(row).status == "sent"


# ---- deliver_all_due: the loop every command and job uses ------------------

def test_everything_due_goes_out_run_after_run(mailbox, make_message, reload_message,
                                               monkeypatch, now):
    from rbtasks.outbox import delivery
    from rbtasks.outbox.services import deliver_all_due

    monkeypatch.setattr(delivery, "RUN_SIZE", 2)
    rows = [make_message() for _ in range(5)]
    later = make_message(next_attempt_at=now + timedelta(hours=1))

    report = deliver_all_due(now)

    assert (report.sent, report.total) == (5, 5)
    assert [reload_message(row).status for row in rows] == ["sent"] * 5
    assert reload_message(later).status == "pending"
    assert len(mailbox.received()) == 5


def test_deliver_all_due_stops_at_its_limit(mailbox, make_message, reload_message,
                                            monkeypatch, now):
    from rbtasks.outbox import delivery
    from rbtasks.outbox.services import deliver_all_due

    monkeypatch.setattr(delivery, "RUN_SIZE", 2)
    rows = [make_message(next_attempt_at=now - timedelta(minutes=10 - n)) for n in range(4)]

    assert deliver_all_due(now, limit=3).sent == 3
    assert [reload_message(row).status for row in rows] == ["sent", "sent", "sent", "pending"]


def test_deliver_all_due_ends_when_the_server_refuses(make_message, smtp_at, reload_message,
                                                      monkeypatch, now):
    from rbtasks.outbox import delivery
    from rbtasks.outbox.services import deliver_all_due
    from tests.outbox.servers import closed_port

    monkeypatch.setattr(delivery, "RUN_SIZE", 2)
    rows = [make_message() for _ in range(3)]
    smtp_at(closed_port())

    report = deliver_all_due(now)

    assert (report.retried, report.sent) == (3, 0)
    assert all(reload_message(row).next_attempt_at > now for row in rows)
