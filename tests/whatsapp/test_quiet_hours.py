"""No WhatsApp between 21:00 and 06:00 WITA: what is planned, retried or resent
at night goes in the morning; emails are not held back."""
import pytest

from rbtasks.outbox.services import PlannedEmail, PlannedWhatsApp, deliver_pending, enqueue
from rbtasks.outbox.whatsapp.quiet_hours import after_quiet_hours, in_quiet_hours
from rbtasks.outbox.whatsapp.settings import WhatsAppSettings
from rbtasks.mail import RenderedEmail
from tests.whatsapp.conftest import wita
from tests.whatsapp_server import Answer


def _whatsapp(text="[RB] 1 rencana aksi terlambat: Menyusun SOP pelayanan publik"):
    return PlannedWhatsApp(kind="reminder", recipient_phone="6281234567890", text=text,
                           recipient_name="Oktavianus Pello, S.H., M.H.")


@pytest.mark.parametrize("hour, minute, quiet", [
    (20, 59, False), (21, 0, True), (23, 30, True), (0, 0, True), (5, 59, True), (6, 0, False),
    (10, 0, False),
])
def test_the_quiet_hours_are_read_in_wita(app, hour, minute, quiet):
    with app.app_context():
        assert in_quiet_hours(wita(2026, 11, 25, hour, minute)) is quiet


def test_after_the_quiet_hours_is_six_in_the_morning_the_same_or_the_next_day(app):
    with app.app_context():
        assert after_quiet_hours(wita(2026, 11, 25, 22)) == wita(2026, 11, 26, 6)
        assert after_quiet_hours(wita(2026, 11, 26, 2, 15)) == wita(2026, 11, 26, 6)
        assert after_quiet_hours(wita(2026, 11, 26, 9)) == wita(2026, 11, 26, 9)
        settings = WhatsAppSettings.from_config({"RBTASKS_WHATSAPP_QUIET_HOURS": "22:00-05:30"})
        assert after_quiet_hours(wita(2026, 11, 25, 21, 30), settings) == wita(2026, 11, 25, 21, 30)
        assert after_quiet_hours(wita(2026, 11, 25, 23), settings) == wita(2026, 11, 26, 5, 30)


def test_planned_at_22_it_goes_at_six_the_next_morning(db, whatsapp_at, runner, reload):
    from rbtasks.outbox.models import OutboxMessage

    server = whatsapp_at("gateway")
    evening = wita(2026, 11, 25, 22)
    whatsapp_id, email_id = enqueue([_whatsapp(), PlannedEmail(
        kind="reminder", recipient_email="oktavianus.pello@nttprov.go.id",
        rendered=RenderedEmail(subject="[RB] Pengingat", body_text="Teks",
                               body_html="<p>Teks</p>"))],
        evening)
    db.session.commit()
    message = db.session.get(OutboxMessage, whatsapp_id)
    assert (message.planned_at, message.next_attempt_at) == (evening, wita(2026, 11, 26, 6))
    assert db.session.get(OutboxMessage, email_id).next_attempt_at == evening  # email: at once

    night = runner.invoke(args=["rb", "deliver", "--now", "2026-11-25T23:00"])
    assert night.exit_code == 0, night.output
    assert server.requests == []
    assert reload(message).status == "pending"

    morning = runner.invoke(args=["rb", "deliver", "--now", "2026-11-26T06:00"])
    assert morning.exit_code == 0, morning.output
    assert [request.form["target"] for request in server.requests] == ["6281234567890"]
    assert (reload(message).status, reload(message).sent_at) == ("sent", wita(2026, 11, 26, 6))


def test_a_due_message_is_not_sent_at_night_even_when_it_was_due_before(
        db, whatsapp_at, make_whatsapp, reload):
    server = whatsapp_at("gateway")
    message = make_whatsapp(next_attempt_at=wita(2026, 11, 25, 20))

    assert deliver_pending(wita(2026, 11, 25, 21, 30)).total == 0
    assert deliver_pending(wita(2026, 11, 26, 5, 59)).total == 0
    assert server.requests == []
    assert deliver_pending(wita(2026, 11, 26, 6, 1)).sent == 1
    assert reload(message).status == "sent"


def test_a_retry_that_would_fall_in_the_night_waits_for_the_morning(db, whatsapp_at,
                                                                   make_whatsapp, reload):
    server = whatsapp_at("gateway")
    server.script(Answer(429, {"error": "rate limited"}, headers={"Retry-After": "3600"}))
    message = make_whatsapp(next_attempt_at=wita(2026, 11, 25, 20, 30))

    assert deliver_pending(wita(2026, 11, 25, 20, 30)).retried == 1

    assert reload(message).next_attempt_at == wita(2026, 11, 26, 6)


def test_a_message_resent_at_night_waits_for_the_morning(db, whatsapp_at, make_whatsapp,
                                                        make_user, reload):
    from rbtasks.outbox.services import resend

    whatsapp_at("gateway")
    message = make_whatsapp(status="failed", attempts=1, last_error="HTTP 400 Bad Request")
    admin = make_user(role="admin")

    resend(admin, message.id, wita(2026, 11, 25, 23, 45))
    db.session.commit()

    row = reload(message)
    assert (row.status, row.next_attempt_at) == ("pending", wita(2026, 11, 26, 6))


def test_the_quiet_hours_can_be_configured(db, whatsapp_at, make_whatsapp, monkeypatch, app):
    server = whatsapp_at("gateway")
    monkeypatch.setitem(app.config, "RBTASKS_WHATSAPP_QUIET_HOURS", "22:00-05:00")
    make_whatsapp(next_attempt_at=wita(2026, 11, 25, 21))

    assert deliver_pending(wita(2026, 11, 25, 21, 30)).sent == 1
    assert len(server.requests) == 1
