"""Every email arrives addressed to exactly the person it is for.

Read as a mail client reads it: the message the real SMTP server received,
parsed with ``email.policy.default``. Its To header must hold one address,
the one the message was delivered to, under the person's full name, titles
and commas included, for every name of the demo province and for names
chosen to break the header, in reminders, escalations, the digest and the
password-reset email.
"""
from datetime import date, datetime, timezone

import pytest

from rbtasks.demo import data as demo
from rbtasks.demo.seed import seed_demo
from rbtasks.digest.planner import plan_digests
from rbtasks.outbox.services import deliver_pending
from rbtasks.reminders.run import run_daily
from rbtasks.timeutil import utc_now
from tests.conftest import page_csrf

MONDAY = datetime(2026, 11, 29, 23, 30, tzinfo=timezone.utc)  # Mon 30 Nov 07:30 WITA

HOSTILE = {
    "an address in angle brackets": "Kepala <someone@elsewhere.go.id>",
    "a comma and an address": "Budi, someone@elsewhere.go.id",
    "titles with commas": "Dr. Maria Bessie, S.Kom., M.T.",
    "quotes and a backslash": 'Yohanes "Anis" Seran \\ S.E., M.Si.',
    "longer than a header line": "Prof. Dr. Ir. Yohanes Bernardus Hendrikus da Costa Pereira "
                                 "Tallo, S.H., M.Hum., Ph.D.",
}
ELSEWHERE = "someone@elsewhere.go.id"


def addressee(entry):
    """(display name, address) of the one mailbox in a received message's To."""
    to = entry["message"]["To"]
    assert len(to.addresses) == 1, f"To: {to}"
    assert not to.defects, f"To: {to} {to.defects}"
    [mailbox] = to.addresses
    assert entry["to"] == [mailbox.addr_spec]  # the envelope went where the header says
    return mailbox.display_name, mailbox.addr_spec


def addressees(mailbox):
    return sorted(addressee(entry) for entry in mailbox.received())


def deliver(db, now):
    report = deliver_pending(now, limit=1000)
    db.session.commit()
    assert report.failed == 0 and report.held == 0
    return report


def send_reminders(db, now):
    run_daily(now, deliver=None)
    db.session.commit()
    deliver(db, now)


def send_digest(db, _now):
    plan_digests(MONDAY)
    db.session.commit()
    deliver(db, MONDAY)


def add_outbox_row(db, now, address, name):
    """A pending outbox email to ``name <address>``, as the sweep or the digest writes it."""
    from rbtasks.outbox.models import OutboxMessage
    from rbtasks.outbox.services import new_message_id

    db.session.add(OutboxMessage(
        kind="reminder", recipient_email=address, recipient_name=name, locale="id",
        subject="[RB] Pengingat", body_text="Teks", body_html="<p>Teks</p>",
        message_id=new_message_id(), status="pending", attempts=0, planned_at=now,
        next_attempt_at=now))
    db.session.commit()


# ---- the demo province -------------------------------------------------------

def demo_names():
    """Every person of the demo data by address (users and agency heads)."""
    people = {}
    for email, name in [*((user["email"], user["name"]) for user in demo.USERS),
                        *((agency["head_email"], agency["head_name"])
                          for agency in demo.AGENCIES)]:
        assert people.setdefault(email, name) == name
    return people


def test_every_reminder_of_a_demo_sweep_names_its_one_recipient_in_full(db, mailbox, now):
    seed_demo(now)
    send_reminders(db, now)

    names = demo_names()
    received = addressees(mailbox)
    assert received == sorted((names[address], address) for _name, address in received)
    # The heads with titles after a comma are the ones the header used to split.
    assert {"Oktavianus Pello, S.H., M.H.", "Yosef Ratu, S.H., M.M.",
            "Drs. Benediktus Ndun, M.Si."} <= {name for name, _address in received}


def test_every_digest_of_the_demo_names_its_one_recipient_in_full(db, mailbox, now):
    seed_demo(now)
    send_digest(db, now)

    names = demo_names()
    received = addressees(mailbox)
    assert ("Drs. Benediktus Ndun, M.Si.", demo.demo_email("benediktus.ndun")) in received
    assert received == sorted((names[address], address) for _name, address in received)


def test_every_demo_users_password_reset_names_them_in_full(db, mailbox, now):
    from rbtasks.accounts.passwords import request_password_reset

    seed_demo(now)
    db.session.commit()
    for user in demo.USERS:
        assert request_password_reset(user["email"], now) is not None
        db.session.commit()
    deliver(db, now)

    assert addressees(mailbox) == sorted((user["name"], user["email"]) for user in demo.USERS)


def test_an_outbox_email_to_every_person_of_the_demo_names_them_in_full(db, mailbox, now):
    # Two agency heads get no escalation in the demo's first sweep; this reaches them too.
    names = demo_names()
    for address, name in names.items():
        add_outbox_row(db, now, address, name)
    deliver(db, now)

    assert addressees(mailbox) == sorted((name, address) for address, name in names.items())


# ---- names chosen to break the header ------------------------------------------

def _hostile_province(make_agency, make_user, make_pokja, make_item, name):
    """An agency whose head, one owner, one coordinator and one leader all
    carry ``name``; the owner's item is 7 working days overdue on ``now``."""
    agency = make_agency(name="Biro Hukum", head_name=name,
                         head_email="kepala.birohukum@nttprov.go.id")
    owner = make_user(name=name, email="pemilik@nttprov.go.id", agency=agency)
    coordinator = make_user(role="coordinator", name=name, email="koordinator@nttprov.go.id")
    make_user(role="leader", name=name, email="ketua@nttprov.go.id")
    pokja = make_pokja(name="Pokja Deregulasi Kebijakan", coordinators=[coordinator],
                       members=[owner])
    make_item(title="Menyusun Pergub tata naskah dinas", owner=owner, agency=agency, pokja=pokja,
              status="in_progress", due_date=date(2026, 11, 16))
    return owner


# What each kind of outbox email reaches in the hostile province.
OUTBOX_KINDS = {
    "reminder and escalation": (send_reminders, ["kepala.birohukum@nttprov.go.id",
                                                 "pemilik@nttprov.go.id"]),
    "digest": (send_digest, ["ketua@nttprov.go.id", "koordinator@nttprov.go.id"]),
}


@pytest.mark.parametrize("name", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("kind", OUTBOX_KINDS)
def test_outbox_emails_go_to_one_address_under_the_whole_name(
        db, mailbox, now, make_agency, make_user, make_pokja, make_item, kind, name):
    _hostile_province(make_agency, make_user, make_pokja, make_item, name)
    send, addresses = OUTBOX_KINDS[kind]
    send(db, now)

    assert addressees(mailbox) == [(name, address) for address in addresses]
    assert mailbox.to(ELSEWHERE) == []


@pytest.mark.parametrize("name", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_password_reset_goes_to_one_address_under_the_whole_name(
        client, db, mailbox, make_user, name):
    user = make_user(name=name, email="pemilik@nttprov.go.id")
    response = client.post("/forgot-password", data={
        "email": user.email, "csrf_token": page_csrf(client, "/forgot-password")})
    assert response.status_code == 302
    deliver(db, utc_now())  # the request only queued it

    assert addressees(mailbox) == [(name, "pemilik@nttprov.go.id")]
    assert mailbox.to(ELSEWHERE) == []


# ---- names saved before the validator refused their characters -----------------

# What the old check (C0 controls and DEL only) let through.
LEGACY = {
    "line separator": "Budi Santoso\u2028Bcc: someone@elsewhere.go.id",
    "paragraph separator": "Budi Santoso, S.H.\u2029M.H.",
    "next line": "Budi Santoso\x85, someone@elsewhere.go.id",
}


@pytest.mark.parametrize("name", LEGACY.values(), ids=LEGACY.keys())
def test_an_older_name_with_a_line_break_still_names_one_address(
        db, mailbox, now, make_agency, make_user, make_pokja, make_item, name):
    from rbtasks.accounts.passwords import request_password_reset

    _hostile_province(make_agency, make_user, make_pokja, make_item, name)
    send_reminders(db, now)
    assert request_password_reset("pemilik@nttprov.go.id", now) is not None
    db.session.commit()
    deliver(db, now)

    shown = name.replace("\u2028", " ").replace("\u2029", " ").replace("\x85", " ")
    assert addressees(mailbox) == [(shown, "kepala.birohukum@nttprov.go.id"),
                                   (shown, "pemilik@nttprov.go.id"),
                                   (shown, "pemilik@nttprov.go.id")]
    assert mailbox.to(ELSEWHERE) == []


# ---- the sender ------------------------------------------------------------------

SENDER_NAME = "Biro Organisasi, Setda Provinsi NTT"


@pytest.mark.parametrize("sender", [
    f'"{SENDER_NAME}" <rbtasks@nttprov.go.id>',
    (SENDER_NAME, "rbtasks@nttprov.go.id"),
], ids=["a quoted string", "a (name, address) pair"])
def test_a_sender_with_a_display_name_is_one_from_address(
        app, db, mailbox, now, monkeypatch, make_user, sender):
    from rbtasks.accounts.passwords import request_password_reset

    monkeypatch.setitem(app.config, "MAIL_DEFAULT_SENDER", sender)
    make_user(name="Oktavianus Pello, S.H., M.H.", email="pemilik@nttprov.go.id")
    add_outbox_row(db, now, "pemilik@nttprov.go.id", "Oktavianus Pello, S.H., M.H.")
    deliver(db, now)
    assert request_password_reset("pemilik@nttprov.go.id", now) is not None
    db.session.commit()
    deliver(db, now)

    for entry in mailbox.received():
        [mailbox_from] = entry["message"]["From"].addresses
        assert (mailbox_from.display_name, mailbox_from.addr_spec) == (
            SENDER_NAME, "rbtasks@nttprov.go.id")
        assert entry["from"] == "rbtasks@nttprov.go.id"
        assert addressee(entry) == ("Oktavianus Pello, S.H., M.H.", "pemilik@nttprov.go.id")
    assert len(mailbox.received()) == 2


@pytest.mark.parametrize("sender", [
    "Biro Organisasi, Setda NTT <rbtasks@nttprov.go.id>",  # the comma, unquoted
    "rbtasks@nttprov.go.id, kedua@nttprov.go.id",
    "",
])
def test_a_sender_that_is_not_one_address_stops_the_app_at_start(sender):
    from config import TestConfig
    from rbtasks import create_app

    class Config(TestConfig):
        MAIL_DEFAULT_SENDER = sender

    with pytest.raises(RuntimeError, match="MAIL_DEFAULT_SENDER"):
        create_app(Config)
