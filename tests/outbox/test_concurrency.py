"""Exactly once across processes: several real delivery processes at the same
moment, on the test run's own database, all sending to the real mailbox."""
import re
from collections import Counter

import pytest

from rbtasks.outbox.models import OutboxMessage
from tests.processes import deliver_together, environment, finish, flask_rb, start

# Real delivery processes read and write the database: real commits.
pytestmark = pytest.mark.real_commits


def _assert_each_sent_once(db, mailbox, expected):
    received = Counter(entry["message"]["Message-ID"] for entry in mailbox.received())
    duplicates = {mid: n for mid, n in received.items() if n > 1}
    assert not duplicates, f"sent more than once: {duplicates}"
    assert set(received) == expected
    db.session.expire_all()
    statuses = Counter(db.session.scalars(db.select(OutboxMessage.status)))
    assert statuses == {"sent": len(expected)}


def test_four_processes_deliver_each_message_exactly_once(app, db, mailbox, make_message, now,
                                                          tmp_path):
    expected = {make_message().message_id for _ in range(60)}
    db.session.remove()  # no transaction of ours in the way
    # Started together, once every one has imported the app and connected.
    reports = deliver_together(4, environment(app, mailbox.port), now, tmp_path / "go")

    assert sum(report["sent"] for report in reports) == 60
    assert sum(report["failed"] + report["retried"] for report in reports) == 0
    _assert_each_sent_once(db, mailbox, expected)
    if db.engine.dialect.name != "sqlite":
        # With SKIP LOCKED the work is shared, not done by whoever came first.
        assert sum(1 for report in reports if report["sent"]) >= 2, reports


def test_concurrent_flask_rb_deliver_commands_send_each_message_once(app, db, mailbox,
                                                                    make_message, now):
    expected = {make_message().message_id for _ in range(30)}
    db.session.remove()
    env = environment(app, mailbox.port)
    command = flask_rb("deliver", "--now", now.isoformat())
    processes = [start(command, env) for _ in range(3)]

    outputs = finish(processes)

    # Each prints its counts (sent, retried, failed, held); together they add up to 30.
    assert sum(int(number) for out in outputs for number in re.findall(r"\d+", out)) == 30
    _assert_each_sent_once(db, mailbox, expected)
