"""Delivering WhatsApp messages to a real HTTP server on 127.0.0.1: what each
provider receives, and what each answer makes of the message."""
import logging
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from rbtasks.outbox.services import deliver_pending
from tests.whatsapp.conftest import TOKEN
from tests.whatsapp_server import Answer

TEXT = ("[RB] 2 rencana aksi terlambat. Pertama: Menyusun SOP pelayanan publik — tenggat "
        "Senin, 30 Nov 2026. Lihat Tugas saya: http://rbtasks.test/my-items")


def test_the_gateway_receives_the_number_and_text_as_form_fields(db, whatsapp_at, make_whatsapp,
                                                                  reload, now):
    server = whatsapp_at("gateway")
    message = make_whatsapp(recipient_phone="6281234567890", body_text=TEXT)

    report = deliver_pending(now)

    assert report.as_dict() == {"sent": 1, "retried": 0, "failed": 0, "held": 0}
    (request,) = server.requests
    assert request.path == "/send"
    assert request.headers["Authorization"] == TOKEN
    assert request.headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert request.form == {"target": "6281234567890", "message": TEXT}
    row = reload(message)
    assert (row.status, row.attempts, row.sent_at, row.last_error) == ("sent", 1, now, None)


def test_the_cloud_api_receives_a_template_message_with_the_text_as_its_parameter(
        db, whatsapp_at, make_whatsapp, reload, now):
    server = whatsapp_at("cloud", template="rbtasks_pengingat:id")
    message = make_whatsapp(recipient_phone="6285239000301",
                            body_text="[RB] 1 rencana aksi terlambat.\nLihat Tugas saya")

    assert deliver_pending(now).sent == 1

    (request,) = server.requests
    assert request.path == "/v19.0/109876543210/messages"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Content-Type"] == "application/json"
    assert request.json == {
        "messaging_product": "whatsapp", "recipient_type": "individual",
        "to": "6285239000301", "type": "template",
        "template": {"name": "rbtasks_pengingat", "language": {"code": "id"},
                     "components": [{"type": "body", "parameters": [
                         # the Cloud API refuses line breaks in a parameter
                         {"type": "text",
                          "text": "[RB] 1 rencana aksi terlambat. · Lihat Tugas saya"},
                     ]}]},
    }
    assert reload(message).status == "sent"


def test_emails_and_whatsapp_messages_go_out_in_one_run(db, whatsapp_at, make_whatsapp,
                                                       make_message, mailbox, now):
    server = whatsapp_at("gateway")
    make_whatsapp(body_text=TEXT)
    email = make_message(recipient_email="oktavianus.pello@nttprov.go.id")

    assert deliver_pending(now).sent == 2

    assert [entry["message"]["Message-ID"] for entry in mailbox.received()] == [email.message_id]
    assert [request.text for request in server.requests] == [TEXT]


def test_a_429_waits_as_long_as_retry_after_says_then_sends(db, whatsapp_at, make_whatsapp,
                                                          reload, now):
    server = whatsapp_at("gateway")
    server.script(Answer(429, {"error": "rate limited"}, headers={"Retry-After": "600"}))
    message = make_whatsapp()

    assert deliver_pending(now).retried == 1
    row = reload(message)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.next_attempt_at == now + timedelta(seconds=600)   # not the 60 s backoff
    assert row.last_error.startswith("HTTP 429")
    assert "rate limited" in row.last_error

    assert deliver_pending(now + timedelta(seconds=599)).total == 0
    assert deliver_pending(now + timedelta(seconds=600)).sent == 1
    assert len(server.requests) == 2
    assert reload(message).status == "sent"


def test_retry_after_as_an_http_date_is_honoured(db, whatsapp_at, make_whatsapp, reload, now):
    server = whatsapp_at("gateway")
    later = datetime.now(timezone.utc) + timedelta(minutes=15)
    server.script(Answer(503, "maintenance", headers={"Retry-After": format_datetime(
        later, usegmt=True)}))
    message = make_whatsapp()

    assert deliver_pending(now).retried == 1

    wait = (reload(message).next_attempt_at - now).total_seconds()
    assert 880 <= wait <= 900


def test_server_errors_and_timeouts_are_retried_with_backoff(db, whatsapp_at, make_whatsapp,
                                                             reload, now):
    server = whatsapp_at("gateway", timeout=1)
    server.script(Answer(500, {"error": "internal"}), Answer(delay=2.5))
    message = make_whatsapp()

    assert deliver_pending(now).retried == 1
    first = reload(message)
    assert (first.attempts, first.next_attempt_at) == (1, now + timedelta(seconds=60))
    assert first.last_error.startswith("HTTP 500")

    later = now + timedelta(seconds=60)
    assert deliver_pending(later).retried == 1   # the server sleeps past the 1 s timeout
    second = reload(message)
    assert (second.attempts, second.last_error) == (2, "timed out")
    assert second.next_attempt_at == later + timedelta(seconds=120)

    assert deliver_pending(later + timedelta(seconds=120)).sent == 1
    assert len(server.requests) == 3
    assert reload(message).status == "sent"


def test_a_gateway_that_cannot_be_reached_is_retried(db, whatsapp_at, make_whatsapp, reload, now):
    from tests.smtp import free_port

    whatsapp_at("gateway", url=f"http://127.0.0.1:{free_port()}/send")
    message = make_whatsapp()

    assert deliver_pending(now).retried == 1
    assert reload(message).last_error.startswith("connection failed")


def test_an_invalid_number_fails_for_good_and_the_log_shows_the_answer(
        db, whatsapp_at, make_whatsapp, make_user, login, reload, now):
    server = whatsapp_at("gateway")
    server.script(Answer(400, {"error": "invalid number"}))
    message = make_whatsapp(recipient_phone="6281100000000", recipient_name="Dewi Manafe, S.E.")

    report = deliver_pending(now)

    assert (report.failed, report.retried) == (1, 0)
    row = reload(message)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error == 'HTTP 400 Bad Request: {"error": "invalid number"}'
    assert deliver_pending(now + timedelta(days=1)).total == 0   # never tried again
    assert len(server.requests) == 1
    page = login(make_user(role="admin")).get("/admin/notifications?channel=whatsapp")
    html = page.get_data(as_text=True)
    assert "Dewi Manafe, S.E." in html and "+6281100000000" in html
    assert "invalid number" in html and "WhatsApp" in html


def test_a_gateway_answering_status_false_fails_the_message(db, whatsapp_at, make_whatsapp,
                                                           reload, now):
    server = whatsapp_at("gateway")
    server.script(Answer(200, {"status": False, "reason": "target invalid"}))
    message = make_whatsapp()

    assert deliver_pending(now).failed == 1
    assert "target invalid" in reload(message).last_error


def test_the_token_never_reaches_the_log_the_pages_or_the_api(
        db, whatsapp_at, make_whatsapp, make_user, login, api, reload, now, caplog):
    server = whatsapp_at("cloud")
    # a provider that echoes what it was sent, on a permanent and a temporary failure
    server.script(Answer(401, echo_authorization=True),
                  Answer(500, echo_authorization=True))
    refused = make_whatsapp()
    retried = make_whatsapp()

    with caplog.at_level(logging.DEBUG):
        deliver_pending(now)

    assert {request.headers["Authorization"] for request in server.requests} == {
        f"Bearer {TOKEN}"}
    assert "Bearer [token]" in reload(refused).last_error
    assert "Bearer [token]" in reload(retried).last_error
    assert TOKEN not in caplog.text
    admin = make_user(role="admin")
    assert TOKEN not in login(admin).get("/admin/notifications").get_data(as_text=True)
    body = api(admin).get("/api/v1/notifications?channel=whatsapp").get_data(as_text=True)
    assert "[token]" in body and TOKEN not in body


def test_without_a_provider_messages_are_held_and_the_log_shows_what_would_have_gone(
        db, whatsapp_at, make_whatsapp, make_user, login, reload, now, caplog):
    whatsapp_at("")
    message = make_whatsapp(recipient_phone="6281339000201", body_text=TEXT)

    with caplog.at_level(logging.INFO, logger="rbtasks.outbox.whatsapp"):
        report = deliver_pending(now)

    assert report.held == 1
    row = reload(message)
    assert (row.status, row.last_error) == ("held", "not sent: no WhatsApp provider configured")
    assert "6281339000201" in caplog.text and TEXT in caplog.text
    html = login(make_user(role="admin")).get("/admin/notifications?channel=whatsapp"
                                              ).get_data(as_text=True)
    assert "not sent: no WhatsApp provider configured" in html
    assert "Menyusun SOP pelayanan publik" in html


def test_the_log_filters_by_channel_and_finds_a_number_as_people_type_it(
        db, whatsapp_at, make_whatsapp, make_message, make_user, api):
    make_message(recipient_email="yohanes.seran@nttprov.go.id")
    whatsapp = make_whatsapp(recipient_phone="6285239000303", recipient_name="Yohanes Seran")
    client = api(make_user(role="admin"))

    body = client.get("/api/v1/notifications?channel=whatsapp").get_json()
    assert [row["id"] for row in body["data"]] == [whatsapp.id]
    (row,) = body["data"]
    assert (row["channel"], row["recipient_phone"], row["text"]) == (
        "whatsapp", "6285239000303", whatsapp.body_text)
    emails = client.get("/api/v1/notifications?channel=email").get_json()["data"]
    assert [row["channel"] for row in emails] == ["email"]
    assert emails[0]["text"] is None   # an email's body is never shown
    found = client.get("/api/v1/notifications?recipient=0852-3900-0303").get_json()["data"]
    assert [row["id"] for row in found] == [whatsapp.id]
    bad = client.get("/api/v1/notifications?channel=sms")
    assert bad.status_code == 422
    assert "channel" in bad.get_json()["error"]["fields"]
