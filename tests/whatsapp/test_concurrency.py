"""Exactly once across processes: real delivery (and sweep) processes at the
same moment, on the test run's own database, all sending to the fake provider."""
import threading
from collections import Counter
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from rbtasks.outbox import claiming
from rbtasks.outbox.models import EMAIL, WHATSAPP, OutboxMessage
from tests.processes import deliver_together, environment, finish, flask_rb, start
from tests.whatsapp.conftest import TOKEN
from tests.whatsapp_server import Answer

pytestmark = pytest.mark.real_commits


def _environment(app, mailbox, server, provider="gateway"):
    env = environment(app, mailbox.port)
    env.update({
        "RBTASKS_WHATSAPP_PROVIDER": provider,
        "RBTASKS_WHATSAPP_URL": server.url + ("/v19.0" if provider == "cloud" else "/send"),
        "RBTASKS_WHATSAPP_TOKEN": TOKEN,
        "RBTASKS_WHATSAPP_PHONE_NUMBER_ID": "109876543210",
        "RBTASKS_WHATSAPP_TIMEOUT": "10",
    })
    return env


def test_two_delivery_processes_send_each_whatsapp_message_exactly_once(
        app, db, mailbox, wa_server, make_whatsapp, now, tmp_path):
    expected = {make_whatsapp(body_text=f"[RB] Pengingat nomor {n}").body_text for n in range(40)}
    # The first message is answered only once a second one arrives, which the
    # other process must send while the first holds its claimed batch: so both
    # get work however the two are scheduled (with SKIP LOCKED; SQLite's
    # processes take turns).
    first = Answer(until_requests=2) if db.engine.dialect.name != "sqlite" else Answer()
    wa_server.script(first, *[Answer(delay=0.03) for _ in range(39)])
    db.session.remove()
    reports = deliver_together(2, _environment(app, mailbox, wa_server, provider="cloud"), now,
                               tmp_path / "go")

    assert sum(report["sent"] for report in reports) == 40, reports
    received = Counter(request.text for request in wa_server.requests)
    assert set(received) == expected and set(received.values()) == {1}
    db.session.expire_all()
    assert Counter(db.session.scalars(sa.select(OutboxMessage.status))) == {"sent": 40}
    if db.engine.dialect.name != "sqlite":
        # With SKIP LOCKED the work is shared, not done by whoever came first.
        assert all(report["sent"] for report in reports), reports


def test_concurrent_sweeps_plan_and_send_one_whatsapp_per_recipient(
        app, db, mailbox, wa_server, make_agency, make_user, make_pokja, now):
    agency = make_agency()
    owners = [make_user(agency=agency, phone=f"62812300000{n:02d}", whatsapp_opt_in=True)
              for n in range(6)]
    pokja = make_pokja(coordinators=[make_user(role="coordinator")])
    for index in range(30):
        owner = owners[index % len(owners)]
        db.session.add(ActionItem(
            title=f"Rencana aksi {index}", pokja=pokja, owner=owner, agency_id=agency.id,
            due_date=(date(2026, 11, 24), date(2026, 11, 26))[index % 2], status="in_progress",
            progress=0, priority="normal", created_at=now, updated_at=now))
    db.session.commit()
    phones = sorted(owner.phone for owner in owners)
    db.session.remove()

    command = flask_rb("sweep", "--now", "2026-11-25T07:30+08:00")
    finish([start(command, _environment(app, mailbox, wa_server)) for _ in range(3)],
           timeout=180)

    numbers = Counter(request.number for request in wa_server.requests)
    assert numbers == {phone: 1 for phone in phones}
    rows = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.channel == "whatsapp")).all()
    assert sorted(row.recipient_phone for row in rows) == phones
    assert {row.status for row in rows} == {"sent"}


def test_an_email_claim_under_way_leaves_the_whatsapp_messages_to_another_worker(
        app, db, make_whatsapp, now):
    """A worker's email claim reads past WhatsApp rows it does not take; until it
    commits, another worker claiming WhatsApp messages must still find them (on
    MariaDB it found none, every row read being locked, and sent nothing)."""
    if db.engine.dialect.name == "sqlite":
        pytest.skip("SQLite has no row locks: its writers take turns")
    ids = sorted(make_whatsapp().id for _ in range(8))
    db.session.remove()
    claimed, email_claim_open, done = [], threading.Event(), threading.Event()

    def email_worker():
        with app.app_context():
            assert claiming._lock_due_ids(now, 5, EMAIL) == []  # no emails due
            email_claim_open.set()
            done.wait(30)
            db.session.rollback()

    rival = threading.Thread(target=email_worker)
    rival.start()
    try:
        assert email_claim_open.wait(30)
        claimed = claiming.claim_due(now, 5, "worker-b", now + timedelta(minutes=2),
                                     channel=WHATSAPP)
    finally:
        done.set()
        rival.join(30)

    # (InnoDB may keep the one row just past the email range locked: the
    # claim then starts at the next.)
    assert len(claimed) == 5 and set(claimed) <= set(ids)
