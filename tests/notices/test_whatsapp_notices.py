"""The WhatsApp copies of event notices: one short message per person's group,
for those who opted in and did not turn the kind off for WhatsApp, through the
fake provider (tests/whatsapp_server.py), never to the person who acted, and
never in the quiet hours."""
from collections import Counter
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from rbtasks.deadlines.services import decide_extension, request_extension
from rbtasks.items.services import add_comment
from rbtasks.notices.models import Notice
from rbtasks.notices.preferences import set_choices
from rbtasks.notices.kinds import KINDS
from rbtasks.outbox.models import OutboxMessage
from rbtasks.workflow.services import apply_transition
from tests.processes import environment, finish, flask_rb, start
from tests.smtp import text_part
from tests.whatsapp.conftest import (  # noqa: F401 (fixtures)
    TOKEN, _whatsapp_server, wa_server, whatsapp_at, wita,
)

PHONES = {"owner": "6281239001122", "coordinator": "6281339004455",
          "second_coordinator": "6285239007788", "member": "6281246001199",
          "head": "6282147003366"}


def _opt_in(db, cast, *who):
    for name in who:
        person = getattr(cast, name)
        person.phone, person.whatsapp_opt_in = PHONES[name], True
    db.session.commit()


def deliver(runner, moment):
    result = runner.invoke(args=["rb", "deliver", "--now", moment.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def _return(db, cast, now):
    cast.item.status = "submitted"
    db.session.commit()
    apply_transition(cast.coordinator, cast.item, "return", cast.item.version, now,
                     reason="Notulen rapat belum dilampirkan")
    db.session.commit()


def _texts_to(server, phone):
    return [request.text for request in server.requests if request.number == phone]


@pytest.mark.parametrize("provider", ["gateway", "cloud"])
def test_a_returned_item_reaches_the_owner_by_email_and_by_whatsapp_once(
        db, runner, cast, now, mailbox, whatsapp_at, provider):
    server = whatsapp_at(provider)
    _opt_in(db, cast, "owner", "coordinator")
    _return(db, cast, now)

    deliver(runner, now + timedelta(minutes=9))
    assert server.requests == [] and mailbox.to(cast.owner.email) == []

    deliver(runner, now + timedelta(minutes=10))
    deliver(runner, now + timedelta(minutes=40))   # once only

    assert len(mailbox.to(cast.owner.email)) == 1
    (text,) = _texts_to(server, PHONES["owner"])
    assert text.startswith("[RB] Yohanes Bosco Lado, S.STP., M.Si. mengembalikan rencana aksi "
                           "kepada Anda: Penyusunan SOP pelayanan perizinan "
                           "(tenggat Selasa, 15 Des 2026)")
    assert "“Notulen rapat belum dilampirkan”" in text
    assert text.endswith(f"http://rbtasks.test/items/{cast.item.id}")
    assert len(text) < 1000
    # the coordinator who returned it is told nothing, on either channel
    assert _texts_to(server, PHONES["coordinator"]) == []
    assert mailbox.to(cast.coordinator.email) == []
    (notice,) = db.session.scalars(sa.select(Notice)).all()
    message = db.session.get(OutboxMessage, notice.whatsapp_message_id)
    assert (message.channel, message.status, message.recipient_phone) == (
        "whatsapp", "sent", PHONES["owner"])
    assert message.dedup_key == f"notice-wa:{cast.owner.id}:{notice.id}"
    assert notice.email_message_id != notice.whatsapp_message_id


def test_no_whatsapp_without_opting_in(db, runner, cast, now, mailbox, whatsapp_at):
    server = whatsapp_at("gateway")
    cast.owner.phone = PHONES["owner"]       # a number, but no opt-in
    db.session.commit()
    _return(db, cast, now)
    deliver(runner, now + timedelta(minutes=11))
    assert len(mailbox.to(cast.owner.email)) == 1
    assert server.requests == []
    assert db.session.scalar(sa.select(sa.func.count(OutboxMessage.id)).where(
        OutboxMessage.channel == "whatsapp")) == 0


def test_a_kind_turned_off_for_whatsapp_still_comes_by_email(db, runner, cast, now, mailbox,
                                                             whatsapp_at):
    server = whatsapp_at("gateway")
    _opt_in(db, cast, "owner")
    set_choices(cast.owner, {(kind, "email") for kind in KINDS}
                | {("comment", "whatsapp")}, ("email", "whatsapp"))
    db.session.commit()
    _return(db, cast, now)
    deliver(runner, now + timedelta(minutes=11))
    assert "Notulen rapat belum dilampirkan" in text_part(mailbox.to(cast.owner.email)[0])
    assert server.requests == []

    # a comment, still on for WhatsApp, does go there
    add_comment(cast.coordinator, cast.item, "Mohon lampirkan juga daftar hadir, Pak.",
                now + timedelta(minutes=20))
    db.session.commit()
    deliver(runner, now + timedelta(minutes=31))
    (text,) = _texts_to(server, PHONES["owner"])
    assert "Yohanes Bosco Lado, S.STP., M.Si. menulis komentar" in text
    assert "Mohon lampirkan juga daftar hadir, Pak." in text


def test_an_extension_request_reaches_the_coordinators_on_whatsapp(
        db, runner, cast, now, mailbox, whatsapp_at):
    server = whatsapp_at("cloud")
    _opt_in(db, cast, "owner", "coordinator", "second_coordinator")
    request_extension(cast.owner, cast.item, date(2027, 1, 29),
                      "Menunggu jadwal rapat dengan Biro Hukum", now)
    db.session.commit()
    deliver(runner, now + timedelta(minutes=10))

    (indonesian,) = _texts_to(server, PHONES["coordinator"])
    (english,) = _texts_to(server, PHONES["second_coordinator"])
    assert ("Oktavianus Pello, S.H., M.H. mengajukan perpanjangan tenggat: Penyusunan SOP "
            "pelayanan perizinan (tenggat Selasa, 15 Des 2026)") in indonesian
    assert ("Oktavianus Pello, S.H., M.H. asked for a later due date: Penyusunan SOP "
            "pelayanan perizinan (due Tuesday, 15 Dec 2026)") in english
    assert "“Menunggu jadwal rapat dengan Biro Hukum”" in english
    assert _texts_to(server, PHONES["owner"]) == []     # the requester acted


def test_a_decision_reaches_the_requester_and_the_owner_on_whatsapp(
        db, runner, cast, now, mailbox, whatsapp_at):
    server = whatsapp_at("gateway")
    _opt_in(db, cast, "owner", "head", "coordinator")
    extension = request_extension(cast.head, cast.item, date(2027, 1, 29), "Rapat tertunda",
                                  now)
    db.session.commit()
    decide_extension(cast.coordinator, extension, False, "Tenggat TW IV tidak dapat diundur",
                     now + timedelta(minutes=30))
    db.session.commit()
    deliver(runner, now + timedelta(minutes=45))

    for phone in (PHONES["head"], PHONES["owner"]):
        (text,) = _texts_to(server, phone)
        assert "Yohanes Bosco Lado, S.STP., M.Si. menolak" in text
        assert "“Tenggat TW IV tidak dapat diundur”" in text
    # the coordinator got the request on WhatsApp, not their own decision
    (request_text,) = _texts_to(server, PHONES["coordinator"])
    assert "Drs. Benediktus Ndun, M.Si." in request_text and "menolak" not in request_text


def test_a_notice_planned_at_night_waits_for_the_morning_on_whatsapp(
        db, runner, cast, mailbox, whatsapp_at):
    server = whatsapp_at("gateway")
    _opt_in(db, cast, "owner")
    _return(db, cast, wita(2026, 11, 25, 22, 0))

    deliver(runner, wita(2026, 11, 25, 22, 15))
    assert len(mailbox.to(cast.owner.email)) == 1      # email is not held
    assert server.requests == []
    deliver(runner, wita(2026, 11, 26, 5, 59))
    assert server.requests == []

    deliver(runner, wita(2026, 11, 26, 6, 0))
    assert len(_texts_to(server, PHONES["owner"])) == 1
    deliver(runner, wita(2026, 11, 26, 6, 30))
    assert len(server.requests) == 1


def test_the_item_panel_labels_each_rows_channel(db, runner, login, cast, now, mailbox,
                                                 whatsapp_at):
    whatsapp_at("gateway")
    _opt_in(db, cast, "owner")
    _return(db, cast, now)
    deliver(runner, now + timedelta(minutes=11))
    page = login(cast.coordinator).get(f"/items/{cast.item.id}").get_data(as_text=True)
    panel = page[page.index('id="outbox"'):]
    rows = [row for row in panel.split("<tr>")[2:] if "Dikembalikan" in row]
    assert len(rows) == 2
    assert "<td data-label=\"Saluran\">Email</td>" in rows[0]
    assert "<td data-label=\"Saluran\">WhatsApp</td>" in rows[1]
    assert PHONES["owner"] in rows[1]


def test_the_profile_offers_whatsapp_only_after_opting_in(db, login, cast, now):
    client = login(cast.owner)
    page = client.get("/profile").get_data(as_text=True)
    assert 'name="whatsapp-returned" value="y" disabled' in page
    assert "isi nomor WhatsApp Anda" in page

    _opt_in(db, cast, "owner")
    page = client.get("/profile").get_data(as_text=True)
    assert 'name="whatsapp-returned" value="y" checked aria-label' in page   # on by default
    from tests.notices.test_pages import csrf_token_from
    client.post("/profile/notices", data={
        "email-returned": "y", "whatsapp-comment": "y", "csrf_token": csrf_token_from(page)})
    page = client.get("/profile").get_data(as_text=True)
    assert 'name="whatsapp-returned" value="y" aria-label' in page
    assert 'name="whatsapp-comment" value="y" checked aria-label' in page
    assert 'name="email-returned" value="y" checked' in page


@pytest.mark.real_commits
def test_two_delivery_processes_send_each_whatsapp_notice_exactly_once(
        app, db, cast, now, mailbox, wa_server):
    _opt_in(db, cast, *PHONES)
    add_comment(cast.coordinator, cast.item, "@Maria Goreti Bere mohon bantu lengkapi notulen.",
                now)
    add_comment(cast.owner, cast.item, "Baik, segera kami lengkapi.", now + timedelta(minutes=2))
    db.session.commit()
    # owner, member (mentioned), coordinator and second coordinator; the head is not concerned
    phones = {PHONES[name] for name in ("owner", "member", "coordinator",
                                        "second_coordinator")}
    db.session.remove()

    env = environment(app, mailbox.port)
    env.update({"RBTASKS_WHATSAPP_PROVIDER": "gateway",
                "RBTASKS_WHATSAPP_URL": wa_server.url + "/send",
                "RBTASKS_WHATSAPP_TOKEN": TOKEN, "RBTASKS_WHATSAPP_TIMEOUT": "10"})
    command = flask_rb("deliver", "--now", (now + timedelta(minutes=15)).isoformat())
    finish([start(command, env) for _ in range(2)], timeout=180)

    assert Counter(request.number for request in wa_server.requests) == {
        phone: 1 for phone in phones}
    rows = db.session.scalars(sa.select(OutboxMessage).where(
        OutboxMessage.channel == "whatsapp")).all()
    assert sorted(row.recipient_phone for row in rows) == sorted(phones)
    assert {row.status for row in rows} == {"sent"}
