"""Several real ``flask rb digest`` processes at the same moment, on the same
database, with delivery: each recipient's digest reaches the SMTP server
exactly once."""
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import sqlalchemy as sa

from rbtasks.outbox.models import OutboxMessage
from rbtasks.snapshots.models import WeeklySnapshot
from tests.digest.conftest import MONDAY

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 5


def flask_env(app, mailbox):
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("RBTASKS_", "MAIL_", "FLASK_"))}
    env.update({
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "RBTASKS_CONFIG": "development",
        "SECRET_KEY": "concurrency-test-secret-key",
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(mailbox.port),
        "MAIL_DEFAULT_SENDER": "rbtasks <rbtasks@test.go.id>",
        "FLASK_APP": "wsgi.py",
    })
    return env


def test_concurrent_digests_reach_each_recipient_exactly_once(app, db, province, make_user,
                                                              make_pokja, mailbox):
    # More recipients than processes, so the processes really compete.
    for n in range(6):
        make_pokja(name=f"Pokja Tambahan {n}", coordinators=[
            make_user(role="coordinator", email=f"koordinator{n}@nttprov.go.id")])
    make_user(role="leader", email="wakil@nttprov.go.id")
    recipients = 3 + 6 + 1

    command = [sys.executable, "-m", "flask", "rb", "digest", "--now", MONDAY]
    env = flask_env(app, mailbox)
    processes = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
                 for _ in range(PROCESSES)]
    outputs = [process.communicate(timeout=180) for process in processes]
    for process, (out, err) in zip(processes, outputs):
        assert process.returncode == 0, f"{out}\n{err}"

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
                  for out, _err in outputs)
    assert planned == recipients
    snapshots = db.session.execute(sa.select(WeeklySnapshot.scope, WeeklySnapshot.scope_id)).all()
    assert len(snapshots) == len(set(snapshots))
