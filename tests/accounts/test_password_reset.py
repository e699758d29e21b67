"""Forgotten passwords: the emailed, single-use, time-limited reset link.

A reset request only queues the email; the outbox's delivery sends it, so
the tests that read the SMTP sink run the delivery first (``deliver``)."""
import logging
import re
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from rbtasks.outbox.services import deliver_all_due
from rbtasks.timeutil import utc_now
from tests.conftest import page_csrf
from tests.outbox.servers import ReplyingServer
from tests.smtp import html_part, text_part

LINK = re.compile(r"http://rbtasks\.test(/reset-password/[A-Za-z0-9_-]+)")
SAME_ANSWER = "we have sent it a link to choose a new password"
# A CSRF token carries the second it was signed in, so two pages a second apart differ there.
CSRF_VALUE = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+"')


def ask_for_reset(client, email):
    token = page_csrf(client, "/forgot-password")
    return client.post("/forgot-password", data={"email": email, "csrf_token": token})


def choose_password(client, path, password, confirm=None):
    token = page_csrf(client, "/forgot-password")  # the session's token, valid on any form
    return client.post(path, data={"password": password, "confirm": confirm or password,
                                   "csrf_token": token})


def sign_in(app, email, password):
    client = app.test_client()
    token = page_csrf(client, "/login")
    response = client.post("/login", data={"email": email, "password": password,
                                           "csrf_token": token})
    return response.status_code == 302


def reset_rows(db, user):
    from rbtasks.accounts.models import PasswordResetToken

    return db.session.scalars(sa.select(PasswordResetToken)
                              .where(PasswordResetToken.user_id == user.id)).all()


def link_in(message):
    return LINK.search(message.body_text).group(1)


def deliver():
    """Run the delivery as the scheduler's minute job would, just after the request."""
    return deliver_all_due(utc_now())


# ---- the whole journey, through the real SMTP server -----------------------

def test_reset_email_arrives_and_its_link_sets_a_new_password(app, client, mailbox, make_user):
    user = make_user(name="Yohanes Nggadas")
    response = ask_for_reset(client, user.email.upper())
    assert response.status_code == 302
    assert SAME_ANSWER in client.get(response.headers["Location"]).get_data(as_text=True)

    deliver()
    [message] = mailbox.to(user.email)
    text, html = text_part(message), html_part(message)
    assert message["Subject"] == "Choose a new password for rbtasks"
    assert "Yohanes Nggadas" in text and "Yohanes Nggadas" in html
    assert "WITA" in text  # the expiry, in the province's time
    assert "ignore this email" in text
    path = LINK.search(text).group(1)
    assert f'href="http://rbtasks.test{path}"' in html

    assert client.get(path).status_code == 200
    assert choose_password(client, path, "kata-sandi-baru-2026").status_code == 302
    assert sign_in(app, user.email, "kata-sandi-baru-2026")
    assert not sign_in(app, user.email, "rahasia-123")

    second_use = client.get(path)
    assert second_use.status_code == 410
    assert "already been used" in second_use.get_data(as_text=True)
    assert choose_password(client, path, "lagi-lagi-baru-2026").status_code == 410
    assert not sign_in(app, user.email, "lagi-lagi-baru-2026")


@pytest.mark.parametrize("who", ["unknown", "inactive"])
def test_the_answer_is_the_same_whether_or_not_the_account_exists(client, mailbox, make_user,
                                                                   who):
    known = make_user()
    other = "tidak.ada@ntt.go.id" if who == "unknown" else make_user(active=False).email

    answers = []
    for email in (known.email, other):
        response = ask_for_reset(client, email)
        page = client.get(response.headers["Location"]).get_data(as_text=True)
        answers.append((response.status_code, response.headers["Location"],
                        CSRF_VALUE.sub(r'\1TOKEN"', page.replace(email, "EMAIL"))))

    assert answers[0] == answers[1]
    deliver()
    assert [entry["to"] for entry in mailbox.received()] == [[known.email]]


def test_forgot_password_form_needs_an_email_address(client, mailbox):
    response = ask_for_reset(client, "bukan-alamat")
    assert response.status_code == 200
    assert "Invalid email address" in response.get_data(as_text=True)
    deliver()
    assert mailbox.received() == []


def test_the_forgot_password_form_is_rate_limited(client, mailbox):
    for _attempt in range(5):
        assert ask_for_reset(client, "siapa@ntt.go.id").status_code == 302
    refused = ask_for_reset(client, "siapa@ntt.go.id")
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)


def test_without_a_mail_server_the_reset_is_logged_not_sent(app, client, mailbox, make_user,
                                                          monkeypatch, caplog):
    # Alembic's logging setup (migrations/env.py) disables loggers that exist
    # when a test app migrates its database.
    monkeypatch.setattr(logging.getLogger("rbtasks.accounts.passwords"), "disabled", False)
    monkeypatch.setattr(app.extensions["mail"], "server", "")
    user = make_user()
    with caplog.at_level(logging.INFO):
        response = ask_for_reset(client, user.email)

    assert response.status_code == 302
    assert SAME_ANSWER in client.get("/login").get_data(as_text=True)
    assert deliver().held == 1
    assert mailbox.received() == []
    assert any(f"reset email for {user.email} could not be sent because no mail server"
               in record.getMessage() for record in caplog.records)


# ---- the services, with time passed in --------------------------------------

def test_only_a_digest_of_the_link_is_stored(db, make_user, now):
    from rbtasks.accounts.passwords import request_password_reset
    from rbtasks.accounts.services import token_digest

    user = make_user()
    message = request_password_reset(user.email, now)
    plain = link_in(message).rsplit("/", 1)[1]

    [row] = reset_rows(db, user)
    assert row.token_hash == token_digest(plain) != plain
    assert row.expires_at == now + timedelta(minutes=60)


def test_nothing_is_prepared_for_unknown_or_inactive_addresses(db, make_user, now):
    from rbtasks.accounts.passwords import request_password_reset

    inactive = make_user(active=False)
    assert request_password_reset("tidak.ada@ntt.go.id", now) is None
    assert request_password_reset(inactive.email, now) is None
    assert reset_rows(db, inactive) == []


def test_an_expired_link_gets_a_clear_page(client, db, make_user):
    from rbtasks.accounts.passwords import request_password_reset

    user = make_user()
    # The views read the real clock, so the request is made 61 minutes before it.
    path = link_in(request_password_reset(user.email, utc_now() - timedelta(minutes=61)))
    db.session.commit()

    response = client.get(path)
    assert response.status_code == 410
    page = response.get_data(as_text=True)
    assert "This password reset link has expired." in page
    assert "/forgot-password" in page
    assert choose_password(client, path, "kata-sandi-baru-2026").status_code == 410


def test_expiry_is_exact(db, make_user, now):
    from rbtasks.accounts.passwords import ResetLinkInvalid, find_reset_token
    from rbtasks.accounts.passwords import request_password_reset

    user = make_user()
    plain = link_in(request_password_reset(user.email, now)).rsplit("/", 1)[1]
    assert find_reset_token(plain, now + timedelta(minutes=59, seconds=59)).user_id == user.id
    with pytest.raises(ResetLinkInvalid) as error:
        find_reset_token(plain, now + timedelta(minutes=60))
    assert error.value.reason == "expired"


def test_an_unknown_link_gets_a_clear_page(client):
    response = client.get("/reset-password/bukan-token-yang-benar")
    assert response.status_code == 404
    assert "This password reset link is not valid." in response.get_data(as_text=True)


def test_a_new_request_cancels_the_older_link(client, db, make_user):
    from rbtasks.accounts.passwords import request_password_reset

    user = make_user()
    earlier = utc_now() - timedelta(minutes=5)
    older = link_in(request_password_reset(user.email, earlier))
    newer = link_in(request_password_reset(user.email, earlier + timedelta(minutes=2)))
    db.session.commit()

    assert client.get(older).status_code == 404
    assert client.get(newer).status_code == 200
    assert len(reset_rows(db, user)) == 1


def test_a_second_request_within_a_minute_sends_nothing_new(db, make_user, now):
    from rbtasks.accounts.passwords import request_password_reset

    user = make_user()
    first = request_password_reset(user.email, now)
    assert request_password_reset(user.email, now + timedelta(seconds=30)) is None
    assert [row.created_at for row in reset_rows(db, user)] == [now]
    assert first is not None


def test_a_bad_new_password_keeps_the_link_usable(app, client, db, make_user):
    from rbtasks.accounts.passwords import request_password_reset

    user = make_user()
    path = link_in(request_password_reset(user.email, utc_now()))
    db.session.commit()

    too_short = choose_password(client, path, "pendek")
    assert too_short.status_code == 422
    assert "Between 10 and 200 characters." in too_short.get_data(as_text=True)
    mismatch = choose_password(client, path, "kata-sandi-baru-2026", "kata-sandi-lain-2026")
    assert mismatch.status_code == 422
    assert "The two passwords do not match." in mismatch.get_data(as_text=True)

    assert sign_in(app, user.email, "rahasia-123")
    assert choose_password(client, path, "kata-sandi-baru-2026").status_code == 302


def test_a_link_stops_working_when_the_account_is_deactivated(client, db, make_user):
    from rbtasks.accounts.passwords import request_password_reset

    user = make_user()
    path = link_in(request_password_reset(user.email, utc_now()))
    user.active = False
    db.session.commit()
    assert client.get(path).status_code == 404


def test_the_email_speaks_the_recipients_language(make_user, now):
    from rbtasks.accounts.passwords import request_password_reset

    indonesian = request_password_reset(make_user(locale="id").email, now)
    english = request_password_reset(make_user(locale="en").email, now)
    assert '<html lang="id">' in indonesian.body_html
    assert '<html lang="en">' in english.body_html
    # 25 Nov 2026 11:00 WITA: an hour after the (fixed) request, in both languages.
    assert "11:00 WITA" in indonesian.body_text and "11:00 WITA" in english.body_text


# ---- the reset email goes through the outbox --------------------------------

SLOW_SECONDS = 2


def test_a_slow_mail_server_slows_neither_answer_and_the_email_comes_with_delivery(
        client, make_user, smtp_at):
    known = make_user(name="Dr. Maria Bessie, S.Kom., M.T.")
    warm_up = make_user()  # the first request compiles templates; time the later ones
    with ReplyingServer(delay=SLOW_SECONDS) as server:
        smtp_at(server.port)
        assert ask_for_reset(client, warm_up.email).status_code == 302
        seconds = {}
        for email in (known.email, "tidak.ada@ntt.go.id"):
            started = time.monotonic()
            response = ask_for_reset(client, email)
            seconds[email] = time.monotonic() - started
            assert response.status_code == 302

        # Nobody waited for the server: it has not even been asked yet.
        assert all(elapsed < SLOW_SECONDS / 2 for elapsed in seconds.values()), seconds
        assert server.connections == 0 and server.messages == []

        report = deliver()
    received = {m["To"].addresses[0].addr_spec: m for m in server.messages}
    assert (report.sent, sorted(received)) == (2, sorted([known.email, warm_up.email])), \
        [str(m["To"]) for m in server.messages]
    message = received[known.email]
    assert message["Subject"] == "Choose a new password for rbtasks"
    assert LINK.search(text_part(message))


@pytest.fixture
def queued_reset(db, make_user, make_pokja, now):
    """A coordinator, an admin, and a reset email queued for a member."""
    from rbtasks.accounts.passwords import request_password_reset

    coordinator = make_user(role="coordinator", locale="en")
    member = make_user(role="member", email="yohanes.nggadas@nttprov.go.id")
    make_pokja(coordinators=[coordinator], members=[member])
    path = link_in(request_password_reset(member.email, utc_now()))
    db.session.commit()
    return {"coordinator": coordinator, "admin": make_user(role="admin", locale="en"),
            "member": member, "token": path.rsplit("/", 1)[1]}


def reset_row(db):
    from rbtasks.outbox.models import OutboxMessage

    db.session.expire_all()
    return db.session.scalars(sa.select(OutboxMessage)
                              .where(OutboxMessage.kind == "password_reset")).one()


def test_the_log_shows_reset_emails_to_admins_only_and_never_their_link(login, db,
                                                                         queued_reset):
    row = reset_row(db)
    assert queued_reset["token"] in row.body_text  # the row holds the link …

    admin_page = login(queued_reset["admin"]).get("/admin/notifications")
    html = admin_page.get_data(as_text=True)
    assert admin_page.status_code == 200
    assert f'id="message-{row.id}"' in html and queued_reset["member"].email in html
    assert queued_reset["token"] not in html  # … which no page shows

    coordinator = login(queued_reset["coordinator"])
    html = coordinator.get("/admin/notifications").get_data(as_text=True)
    assert f'id="message-{row.id}"' not in html
    assert queued_reset["member"].email not in html and queued_reset["token"] not in html
    row.status = "failed"
    db.session.commit()
    token = page_csrf(coordinator, "/admin/notifications")
    refused = coordinator.post(f"/admin/notifications/{row.id}/resend",
                               data={"csrf_token": token})
    assert refused.status_code == 404
    assert reset_row(db).status == "failed"


def test_a_failed_reset_email_is_resent_with_the_same_link(login, db, queued_reset, smtp_at,
                                                           mailbox, app):
    member = queued_reset["member"]
    with ReplyingServer(rcpt={member.email: "550 5.1.1 Mailbox full"}) as server:
        smtp_at(server.port)
        assert deliver().failed == 1
    row = reset_row(db)
    assert (row.status, row.last_error) == ("failed", "550 5.1.1 Mailbox full")

    admin = login(queued_reset["admin"])
    token = page_csrf(admin, "/admin/notifications")
    assert admin.post(f"/admin/notifications/{row.id}/resend",
                      data={"csrf_token": token}).status_code == 302
    smtp_at(mailbox.port)
    assert deliver().sent == 1
    [message] = mailbox.to(member.email)
    assert message["Message-ID"] == row.message_id
    path = LINK.search(text_part(message)).group(1)
    assert path.endswith(queued_reset["token"])
    assert app.test_client().get(path).status_code == 200


def test_the_link_is_erased_from_the_outbox_once_the_email_is_sent(db, queued_reset, mailbox):
    token = queued_reset["token"]
    row = reset_row(db)
    assert token in row.body_text  # kept only until the mail server has it

    assert deliver().sent == 1

    [message] = mailbox.to(queued_reset["member"].email)
    assert LINK.search(text_part(message)).group(1).endswith(token)
    db.session.expire_all()
    row = reset_row(db)
    assert row.status == "sent"
    assert token not in row.body_text and token not in row.body_html


def test_reminders_keep_their_body_once_sent(db, make_message, mailbox):
    from rbtasks.outbox.models import OutboxMessage

    message = make_message(body_text="Pengingat H-3: Menyusun SOP pengawasan")
    assert deliver().sent == 1
    db.session.expire_all()
    row = db.session.get(OutboxMessage, message.id)
    assert (row.status, row.body_text) == ("sent", "Pengingat H-3: Menyusun SOP pengawasan")
