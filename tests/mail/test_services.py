"""The email module: template pairs rendered in the recipient's language, and
links built from the base URL. Sending is the outbox's (tests/outbox): these
tests queue the rendered email and run the delivery to see what arrives."""
from datetime import datetime, timezone

from flask_babel import lazy_gettext as _l

from rbtasks.outbox.models import OutboxMessage
from tests.smtp import html_part, text_part

EXPIRES = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)  # 11:00 WITA


class _User:
    name = "Ana & <Bona>"
    email = "ana@ntt.go.id"


def reset_email(locale="en"):
    from rbtasks.mail import render

    return render("password_reset", locale, subject=_l("Choose a new password for rbtasks"),
                  user=_User(), reset_url="http://rbtasks.test/reset-password/abc?x=1&y=2",
                  expires_at=EXPIRES)


def queue(rendered, now):
    from rbtasks.outbox.services import PlannedEmail, enqueue

    return enqueue([PlannedEmail(kind="password_reset", recipient_email="ana@ntt.go.id",
                                 rendered=rendered)], now)[0]


def test_a_message_has_a_text_and_an_html_part(app):
    email = reset_email()
    assert email.subject == "Choose a new password for rbtasks"
    assert "Hello Ana & <Bona>," in email.body_text
    assert "Hello Ana &amp; &lt;Bona&gt;," in email.body_html
    assert 'href="http://rbtasks.test/reset-password/abc?x=1&amp;y=2"' in email.body_html
    assert "25 Nov 2026 11:00 WITA" in email.body_text
    assert email.attachments == ()


def test_a_message_is_rendered_in_the_recipients_language(app):
    indonesian, english = reset_email("id"), reset_email("en")
    assert '<html lang="id">' in indonesian.body_html and '<html lang="en">' in english.body_html
    assert indonesian.subject == "Buat kata sandi baru untuk rbtasks"
    assert "Yth. Ana & <Bona>," in indonesian.body_text


def test_a_subject_longer_than_the_outbox_keeps_is_cut(app):
    from rbtasks.mail import render

    email = render("password_reset", "id", subject="[RB] " + "x" * 400, user=_User(),
                   reset_url="http://rbtasks.test/", expires_at=EXPIRES)
    assert len(email.subject) == 300
    assert f"<title>{email.subject}</title>" in email.body_html


def test_absolute_urls_come_from_the_base_url(app, monkeypatch):
    from rbtasks.mail import absolute_url

    assert absolute_url("accounts.login") == "http://rbtasks.test/login"
    monkeypatch.setitem(app.config, "RBTASKS_BASE_URL", "https://rb.nttprov.go.id/rbtasks")
    assert absolute_url("accounts.login") == "https://rb.nttprov.go.id/rbtasks/login"


def test_a_message_is_delivered_with_both_parts(db, mailbox, now):
    from rbtasks.outbox.services import deliver_all_due

    message_id = queue(reset_email(), now)
    db.session.commit()
    assert mailbox.received() == []  # queued, not sent
    assert deliver_all_due(now).sent == 1
    [message] = mailbox.to("ana@ntt.go.id")
    assert message["Subject"] == "Choose a new password for rbtasks"
    assert message["From"] == "rbtasks <rbtasks@test.go.id>"
    assert message["Message-ID"] == db.session.get(OutboxMessage, message_id).message_id
    assert message["Message-ID"].endswith("@test.go.id>")
    assert "Hello Ana & <Bona>," in text_part(message)
    assert "Hello Ana &amp; &lt;Bona&gt;," in html_part(message)


def test_without_a_mail_server_nothing_is_sent_and_the_message_is_held(
        app, db, mailbox, monkeypatch, now):
    from rbtasks.outbox.services import deliver_all_due

    monkeypatch.setattr(app.extensions["mail"], "server", "")
    message_id = queue(reset_email(), now)
    db.session.commit()
    assert deliver_all_due(now).held == 1
    assert mailbox.received() == []
    db.session.expire_all()
    held = db.session.get(OutboxMessage, message_id)
    assert (held.status, held.last_error) == ("held", "not sent: no mail server configured")
