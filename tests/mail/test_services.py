"""The email module: template pairs in the recipient's language, delivered
through a real SMTP server, with a timeout and without a server."""
import logging
import socket
import time
from datetime import datetime, timezone

import pytest
from flask_babel import lazy_gettext as _l

from tests.smtp import html_part, text_part

EXPIRES = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)  # 11:00 WITA


class _User:
    name = "Ana & <Bona>"
    email = "ana@ntt.go.id"


@pytest.fixture(autouse=True)
def _mail_logger_enabled(monkeypatch):
    # Alembic's logging setup (migrations/env.py) disables loggers that exist
    # when a test app migrates its database.
    monkeypatch.setattr(logging.getLogger("rbtasks.mail.services"), "disabled", False)


def reset_message(locale="en"):
    from rbtasks.mail import build_message

    return build_message("ana@ntt.go.id", locale, "password_reset",
                         _l("Choose a new password for rbtasks"), user=_User(),
                         reset_url="http://rbtasks.test/reset-password/abc?x=1&y=2",
                         expires_at=EXPIRES)


def test_a_message_has_a_text_and_an_html_part(app):
    message = reset_message()
    assert message.envelope() == ("rbtasks@test.go.id", ["ana@ntt.go.id"])
    assert message.sender == "rbtasks <rbtasks@test.go.id>"
    assert message.subject == "Choose a new password for rbtasks"
    assert "Hello Ana & <Bona>," in message.body
    assert "Hello Ana &amp; &lt;Bona&gt;," in message.html
    assert 'href="http://rbtasks.test/reset-password/abc?x=1&amp;y=2"' in message.html
    assert "25 Nov 2026 11:00 WITA" in message.body
    assert message.msgId.endswith("@rbtasks.test>")


def test_a_message_is_rendered_in_the_recipients_language(app):
    indonesian, english = reset_message("id"), reset_message("en")
    assert '<html lang="id">' in indonesian.html and '<html lang="en">' in english.html
    assert indonesian.subject == "Buat kata sandi baru untuk rbtasks"
    assert "Yth. Ana & <Bona>," in indonesian.body


def test_absolute_urls_come_from_the_base_url(app, monkeypatch):
    from rbtasks.mail import absolute_url

    assert absolute_url("accounts.login") == "http://rbtasks.test/login"
    monkeypatch.setitem(app.config, "RBTASKS_BASE_URL", "https://rb.nttprov.go.id/rbtasks")
    assert absolute_url("accounts.login") == "https://rb.nttprov.go.id/rbtasks/login"


def test_a_message_is_delivered_with_both_parts(app, mailbox):
    from rbtasks.mail import send_message

    assert send_message(reset_message()) is True
    [message] = mailbox.to("ana@ntt.go.id")
    assert message["Subject"] == "Choose a new password for rbtasks"
    assert "Hello Ana & <Bona>," in text_part(message)
    assert "Hello Ana &amp; &lt;Bona&gt;," in html_part(message)


def test_without_a_mail_server_nothing_is_sent_and_the_message_is_logged(
        app, mailbox, monkeypatch, caplog):
    from rbtasks.mail import send_message

    monkeypatch.setattr(app.extensions["mail"], "server", "")
    with caplog.at_level(logging.INFO, logger="rbtasks.mail.services"):
        assert send_message(reset_message()) is False
    assert mailbox.received() == []
    assert "No mail server is configured" in caplog.text
    assert "ana@ntt.go.id" in caplog.text


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says a word."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(5)
        yield listener.getsockname()[1]


def test_a_silent_mail_server_gives_up_after_the_timeout(app, monkeypatch, caplog,
                                                        silent_server):
    from rbtasks.mail import send_message

    monkeypatch.setattr(app.extensions["mail"], "port", silent_server)
    monkeypatch.setitem(app.config, "MAIL_TIMEOUT", 1)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="rbtasks.mail.services"):
        assert send_message(reset_message()) is False
    assert time.monotonic() - started < 5
    assert "failed" in caplog.text


def test_a_refused_connection_is_reported_not_raised(app, monkeypatch):
    from rbtasks.mail import send_message
    from tests.smtp import free_port

    monkeypatch.setattr(app.extensions["mail"], "port", free_port())
    assert send_message(reset_message()) is False
