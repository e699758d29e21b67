"""The delivery claim's lease: renewed while a slow batch goes on, never
outlived by the message in flight, and refused when too short to work."""
import time
from datetime import timedelta

import pytest

from config import TestConfig
from rbtasks import create_app
from rbtasks.outbox import claiming
from rbtasks.outbox.services import deliver_pending
from tests.outbox.servers import ReplyingServer, StallingServer, message_ids


@pytest.mark.real_commits  # the rival claims from the mail server's thread, on its own connection
def test_a_batch_slower_than_its_lease_keeps_its_claim(app, make_message, smtp_at,
                                                       monkeypatch, now):
    monkeypatch.setitem(app.config, "RBTASKS_DELIVERY_LEASE_SECONDS", 2)
    rows = [make_message() for _ in range(6)]
    started = time.monotonic()
    taken = []

    def slow_server_and_a_rival():
        # Each message takes half a second; meanwhile another worker, as far
        # on in time as this run, tries to take whatever is due.
        time.sleep(0.5)
        with app.app_context():
            rival_now = now + timedelta(seconds=time.monotonic() - started)
            taken.extend(claiming.claim_due(rival_now, 10, "rival:1:x",
                                            rival_now + timedelta(seconds=2)))

    with ReplyingServer(on_data=slow_server_and_a_rival) as server:
        smtp_at(server.port)
        report = deliver_pending(now)

    assert time.monotonic() - started > 2, "the batch should have outlasted one lease"
    assert (report.sent, report.retried, report.failed) == (6, 0, 0)
    assert taken == [], "the rival took messages whose claim should have been renewed"
    assert sorted(message_ids(server.messages)) == sorted(row.message_id for row in rows)


def test_the_message_in_flight_is_cut_off_before_its_claim_ends(app, make_message, smtp_at,
                                                                reload_message, monkeypatch,
                                                                now):
    monkeypatch.setitem(app.config, "RBTASKS_DELIVERY_LEASE_SECONDS", 4)
    row = make_message()
    with StallingServer(accept=0) as server:
        smtp_at(server.port, timeout=30)  # longer than the claim: the claim decides
        started = time.monotonic()
        report = deliver_pending(now)
        elapsed = time.monotonic() - started

    assert report.retried == 1
    # The server never answered; the attempt ended with an eighth of the
    # lease to spare, and its outcome was recorded while the claim held.
    assert 3 <= elapsed < 4, elapsed
    retried = reload_message(row)
    assert (retried.status, retried.attempts, retried.claimed_by) == ("pending", 1, None)
    assert "timed out" in retried.last_error


@pytest.mark.parametrize("setting, value", [("RBTASKS_DELIVERY_LEASE_SECONDS", 5),
                                            ("RBTASKS_DELIVERY_BATCH_SIZE", 0)])
def test_settings_too_small_to_work_are_refused_at_start_up(setting, value):
    config = type("TooSmall", (TestConfig,), {setting: value})

    with pytest.raises(RuntimeError, match=setting):
        create_app(config)
