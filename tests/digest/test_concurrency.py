"""Several real ``flask rb digest`` processes at the same moment, on the same
database, with delivery: each recipient's digest reaches the SMTP server
exactly once."""
import re
from collections import Counter

import pytest
import sqlalchemy as sa

from rbtasks.outbox.models import OutboxMessage
from rbtasks.snapshots.models import WeeklySnapshot
from tests.digest.conftest import MONDAY
from tests.processes import environment, finish, flask_rb, start

# Real flask rb digest processes read and write the database: real commits.
pytestmark = pytest.mark.real_commits

PROCESSES = 5


def test_concurrent_digests_reach_each_recipient_exactly_once(app, db, province, make_user,
                                                              make_pokja, mailbox):
    # More recipients than processes, so the processes really compete.
    for n in range(6):
        make_pokja(name=f"Pokja Tambahan {n}", coordinators=[
            make_user(role="coordinator", email=f"koordinator{n}@nttprov.go.id")])
    make_user(role="leader", email="wakil@nttprov.go.id")
    recipients = 3 + 6 + 1

    command = flask_rb("digest", "--now", MONDAY)
    env = environment(app, mailbox.port)
    outputs = finish([start(command, env) for _ in range(PROCESSES)], timeout=180)

    db.session.remove()
    rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == "digest")).all()
    assert len(rows) == recipients
    assert {row.status for row in rows} == {"sent"}
    arrived = Counter(address for entry in mailbox.received() for address in entry["to"])
    assert sorted(arrived) == sorted(row.recipient_email for row in rows)
    assert set(arrived.values()) == {1}
    message_ids = [entry["message"]["Message-ID"] for entry in mailbox.received()]
    assert sorted(message_ids) == sorted(row.message_id for row in rows)
    # Together the processes planned each digest once, and left one snapshot per scope.
    # the processes speak the product's language (Indonesian) or English
    planned = sum(int(re.search(r": (?:planned )?(\d+) emails?\b", out).group(1))
                  for out in outputs)
    assert planned == recipients
    snapshots = db.session.execute(sa.select(WeeklySnapshot.scope, WeeklySnapshot.scope_id)).all()
    assert len(snapshots) == len(set(snapshots))
