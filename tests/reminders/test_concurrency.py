"""Several real ``flask rb sweep`` processes at the same moment, on the same
database, with delivery: every email reaches the SMTP server exactly once."""
import re
from collections import Counter
from datetime import date

import pytest
import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from rbtasks.outbox.models import OutboxEntry, OutboxMessage
from tests.processes import environment, finish, flask_rb, start

# Real flask rb sweep processes read and write the database: real commits.
pytestmark = pytest.mark.real_commits

PROCESSES = 5


def test_concurrent_sweeps_send_every_email_exactly_once(
        app, db, make_agency, make_user, make_pokja, mailbox, now):
    agencies = [make_agency() for _ in range(4)]
    owners = [make_user(agency=agencies[n % 4]) for n in range(12)]
    make_user(role="leader")
    pokja = make_pokja(coordinators=[make_user(role="coordinator")])
    for index in range(120):
        owner = owners[index % len(owners)]
        due = (date(2026, 11, 2), date(2026, 11, 24), date(2026, 11, 26))[index % 3]
        db.session.add(ActionItem(title=f"Rencana aksi {index}", pokja=pokja, owner=owner,
                                  agency_id=owner.agency_id, due_date=due, status="in_progress",
                                  progress=0, priority="normal", created_at=now,
                                  updated_at=now))
    db.session.commit()

    command = flask_rb("sweep", "--now", "2026-11-25T07:30+08:00")
    env = environment(app, mailbox.port)
    outputs = finish([start(command, env) for _ in range(PROCESSES)], timeout=180)

    db.session.remove()
    expected = 12 + 4 + 2   # owners, agency heads, the leader and the coordinator
    rows = db.session.scalars(sa.select(OutboxMessage)).all()
    assert len(rows) == expected
    assert {row.status for row in rows} == {"sent"}
    # each process planned a share; together exactly one plan
    # the processes speak the product's language (Indonesian) or English
    planned = sum(int(re.search(r": (?:planned )?(\d+) (?:entries|entri)\b", out).group(1))
                  for out in outputs)
    assert planned == db.session.scalar(sa.select(sa.func.count()).select_from(OutboxEntry))
    arrived = Counter(address for entry in mailbox.received() for address in entry["to"])
    assert sorted(arrived) == sorted(row.recipient_email for row in rows)
    assert set(arrived.values()) == {1}
    message_ids = [entry["message"]["Message-ID"] for entry in mailbox.received()]
    assert sorted(message_ids) == sorted(row.message_id for row in rows)
