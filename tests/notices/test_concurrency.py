"""Several real ``flask rb deliver`` processes at once, past the window: each
person's grouped notices reach the SMTP server exactly once."""
from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from rbtasks.items.services import add_comment
from rbtasks.notices.models import Notice
from rbtasks.outbox.models import OutboxMessage
from tests.processes import environment, finish, flask_rb, start

pytestmark = pytest.mark.real_commits

PROCESSES = 4


def test_concurrent_deliveries_send_each_grouped_email_once(app, db, cast, now, mailbox):
    add_comment(cast.coordinator, cast.item, "@Maria Goreti Bere mohon bantu lengkapi notulen.",
                now)
    add_comment(cast.owner, cast.item, "Baik, segera kami lengkapi.", now + timedelta(minutes=2))
    db.session.commit()
    # owner, member (mentioned), coordinator and second coordinator
    people = {cast.owner.email, cast.member.email, cast.coordinator.email,
              cast.second_coordinator.email}

    command = flask_rb("deliver", "--now", (now + timedelta(minutes=15)).isoformat())
    env = environment(app, mailbox.port)
    finish([start(command, env) for _ in range(PROCESSES)], timeout=180)

    db.session.remove()
    arrived = Counter(address for entry in mailbox.received() for address in entry["to"])
    assert set(arrived) == people and set(arrived.values()) == {1}
    rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == "notice")).all()
    assert len(rows) == len(people) and {row.status for row in rows} == {"sent"}
    assert db.session.scalar(sa.select(sa.func.count(Notice.id)).where(
        Notice.dispatched_at.is_(None))) == 0
