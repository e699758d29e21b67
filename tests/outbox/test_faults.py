"""SMTP faults against real servers on 127.0.0.1: what is retried, what fails,
and what counts as sent."""
import time
from datetime import timedelta

import pytest

from rbtasks.outbox.services import deliver_pending
from rbtasks.settings_store.policy import load_policy
from tests.outbox.servers import (
    HangUpAfterDataServer, ReplyingServer, SilentServer, closed_port, message_ids,
)


@pytest.fixture
def policy(app):
    return load_policy()


def assert_retry(row, now, policy, attempts, error_part):
    assert row.status == "pending"
    assert row.attempts == attempts
    assert row.next_attempt_at == now + timedelta(
        seconds=policy.retry_base_seconds * 2 ** (attempts - 1))
    assert error_part in row.last_error
    assert row.claimed_by is None and row.sent_at is None


def test_nothing_listening_schedules_a_retry_with_backoff(make_message, smtp_at, reload_message,
                                                          policy, now):
    rows = [make_message() for _ in range(3)]
    smtp_at(closed_port())

    report = deliver_pending(now)

    assert (report.retried, report.sent, report.failed) == (3, 0, 0)
    for row in rows:
        assert_retry(reload_message(row), now, policy, 1, "Connection refused")

    # Not due before the backoff has passed; then the delay doubles.
    assert deliver_pending(now + timedelta(seconds=policy.retry_base_seconds - 1)).total == 0
    later = now + timedelta(seconds=policy.retry_base_seconds)
    assert deliver_pending(later).retried == 3
    assert_retry(reload_message(rows[0]), later, policy, 2, "Connection refused")


def test_retries_stop_at_max_attempts(make_message, smtp_at, reload_message, policy, now):
    row = make_message(attempts=policy.max_attempts - 1)
    smtp_at(closed_port())

    report = deliver_pending(now)

    assert (report.failed, report.retried) == (1, 0)
    failed = reload_message(row)
    assert failed.status == "failed"
    assert failed.attempts == policy.max_attempts
    assert "Connection refused" in failed.last_error
    assert f"gave up after {policy.max_attempts} attempts" in failed.last_error


@pytest.mark.parametrize("where", ["rcpt", "data"])
def test_421_is_temporary(where, make_message, smtp_at, reload_message, policy, now):
    row = make_message()
    replies = {"*": "421 4.3.2 Service shutting down, try later"}
    with ReplyingServer(**{where: replies}) as server:
        smtp_at(server.port)
        report = deliver_pending(now)

    assert report.retried == 1
    assert server.messages == []
    assert_retry(reload_message(row), now, policy, 1, "421 4.3.2 Service shutting down")


@pytest.mark.parametrize("where", ["rcpt", "data"])
def test_550_is_permanent_and_the_rest_of_the_batch_goes_out(where, make_message, smtp_at,
                                                             reload_message, now):
    refused = make_message(recipient_email="tidak.ada@ntt.go.id")
    others = [make_message() for _ in range(2)]
    replies = {"tidak.ada@ntt.go.id": "550 5.1.1 No such user"}
    with ReplyingServer(**{where: replies}) as server:
        smtp_at(server.port)
        report = deliver_pending(now)

    assert (report.sent, report.failed, report.retried) == (2, 1, 0)
    assert server.connections == 1
    assert sorted(message_ids(server.messages)) == sorted(row.message_id for row in others)
    failed = reload_message(refused)
    assert failed.status == "failed"
    assert failed.attempts == 1
    assert failed.last_error == "550 5.1.1 No such user"
    assert all(reload_message(row).status == "sent" for row in others)


def test_a_4xx_for_one_recipient_retries_only_that_one(make_message, smtp_at, reload_message,
                                                      policy, now):
    greylisted = make_message(recipient_email="sibuk@ntt.go.id")
    other = make_message()
    with ReplyingServer(rcpt={"sibuk@ntt.go.id": "451 4.7.1 Greylisted, come back later"}) \
            as server:
        smtp_at(server.port)
        report = deliver_pending(now)

    assert (report.sent, report.retried) == (1, 1)
    assert message_ids(server.messages) == [other.message_id]
    assert_retry(reload_message(greylisted), now, policy, 1, "451 4.7.1 Greylisted")


def test_a_server_slower_than_the_timeout_is_retried(make_message, smtp_at, reload_message,
                                                     policy, now):
    rows = [make_message() for _ in range(3)]
    with SilentServer() as server:
        smtp_at(server.port, timeout=1)
        started = time.monotonic()
        report = deliver_pending(now)
        elapsed = time.monotonic() - started

    assert report.retried == 3
    assert server.connections == 1
    assert elapsed < 4, f"one timeout for the whole batch, not one per message ({elapsed:.1f}s)"
    for row in rows:
        assert_retry(reload_message(row), now, policy, 1, "timed out")


def test_a_hang_up_after_the_message_was_accepted_counts_as_sent(make_message, smtp_at,
                                                                 reload_message, now):
    rows = [make_message() for _ in range(3)]
    with HangUpAfterDataServer() as server:
        smtp_at(server.port)
        report = deliver_pending(now)

    assert (report.sent, report.retried, report.failed) == (3, 0, 0)
    # Each message once: the line was found dead before the next MAIL, reopened,
    # and nothing was offered twice.
    assert sorted(message_ids(server.messages)) == sorted(row.message_id for row in rows)
    assert server.connections == 3
    for row in rows:
        sent = reload_message(row)
        assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, None)


def test_a_server_that_keeps_dropping_the_line_is_not_hammered(make_message, smtp_at,
                                                                reload_message, policy, now):
    rows = [make_message() for _ in range(6)]
    with ReplyingServer(data={"*": "421 4.4.2 Bye"}) as server:
        smtp_at(server.port)
        report = deliver_pending(now)

    assert report.retried == 6
    # Three messages met the dropped line; the other three wait without being offered.
    assert server.connections == 3
    for row in rows:
        assert_retry(reload_message(row), now, policy, 1, "421 4.4.2 Bye")
