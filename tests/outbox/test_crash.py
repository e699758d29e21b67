"""A delivery process killed mid-batch: what it held, for how long, and what a
rerun a minute later sends — real processes, a real mail server that hangs."""
from collections import Counter
from datetime import timedelta

import pytest

from rbtasks.outbox.models import OutboxMessage
from tests.processes import counts, environment, finish, flask_rb, start
from tests.outbox.servers import StallingServer

# Real delivery processes read and write the database: real commits.
pytestmark = pytest.mark.real_commits


def _rows(db):
    db.session.expire_all()
    return db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def _deliver(env, now):
    [output] = finish([start(flask_rb("deliver", "--now", now.isoformat()), env)])
    return counts(output)


def test_a_rerun_a_minute_after_a_crash_delivers_the_rest_each_once(app, db, make_message, now):
    # 30 reminders, oldest first, so the order they are claimed in is known.
    rows = [make_message(next_attempt_at=now - timedelta(minutes=30 - n)) for n in range(30)]
    expected = {row.message_id for row in rows}
    db.session.remove()
    lease = timedelta(seconds=app.config["RBTASKS_DELIVERY_LEASE_SECONDS"])

    with StallingServer(accept=5) as server:
        env = environment(app, server.port)
        crashing = start(flask_rb("deliver", "--now", now.isoformat()), env)
        # Five messages accepted; the sixth is taken in and never answered.
        assert server.stalled.wait(90), crashing.communicate(timeout=5)
        crashing.kill()  # SIGKILL, mid-batch, the sixth message in flight
        crashing.wait(10)
        [in_flight] = [message["Message-ID"] for message in server.messages[5:]]

        held = [row for row in _rows(db) if row.status == "sending"]
        assert len(held) > 1, "the crashed process should have held part of a batch"
        assert in_flight in {row.message_id for row in held}
        # What the crash holds is held for the lease, not for a quarter of an hour.
        hold = max(row.claim_expires_at for row in held) - now
        assert hold <= lease + timedelta(seconds=10) < timedelta(minutes=1), hold

        server.recover()
        # Ten seconds on, the held messages' claims still stand: a rerun sends
        # only what nobody had claimed, and none of what the crash held.
        soon = _deliver(env, now + timedelta(seconds=10))
        assert soon == {"sent": len(rows) - 5 - len(held), "retried": 0, "failed": 0,
                        "held": 0}
        assert Counter(message["Message-ID"] for message in server.messages)[in_flight] == 1

        # A minute on, they have lapsed: the rest goes out.
        later = _deliver(env, now + timedelta(minutes=1))

    assert later == {"sent": len(held), "retried": 0, "failed": 0, "held": 0}
    received = Counter(message["Message-ID"] for message in server.messages)
    assert set(received) == expected
    # Each exactly once, except the one in flight when the process died: the
    # server had taken it in but never said so, so it was offered again.
    assert {mid: n for mid, n in received.items() if n > 1} == {in_flight: 2}
    assert Counter(row.status for row in _rows(db)) == {"sent": len(rows)}
