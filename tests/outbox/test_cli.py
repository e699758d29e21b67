"""``flask rb deliver``."""
from datetime import timedelta

from flask_babel import gettext

from tests.outbox.servers import closed_port


def counts(sent=0, retried=0, failed=0, held=0):
    """The summary line as the command prints it, in the configured language."""
    return gettext("Sent %(sent)d, retried %(retried)d, failed %(failed)d, held %(held)d.",
                   sent=sent, retried=retried, failed=failed, held=held)


def test_deliver_sends_due_messages_and_prints_counts(runner, mailbox, make_message,
                                                      reload_message, now):
    row = make_message(next_attempt_at=now)
    later = make_message(next_attempt_at=now + timedelta(hours=1))

    result = runner.invoke(args=["rb", "deliver", "--now", "2026-11-25T10:00"])  # WITA

    assert result.exit_code == 0, result.output
    assert counts(sent=1) in result.output
    assert [m["Message-ID"] for m in mailbox.to(row.recipient_email)] == [row.message_id]
    assert reload_message(later).status == "pending"


def test_deliver_exits_0_and_reports_failures(runner, smtp_at, make_message, reload_message):
    row = make_message()
    smtp_at(closed_port())

    result = runner.invoke(args=["rb", "deliver", "--now", "2026-11-25T02:00:00+00:00"])

    assert result.exit_code == 0, result.output
    assert counts(retried=1) in result.output
    assert reload_message(row).attempts == 1


def test_deliver_limit(runner, mailbox, make_message):
    for _ in range(3):
        make_message()

    result = runner.invoke(args=["rb", "deliver", "--limit", "2"])

    assert result.exit_code == 0, result.output
    assert counts(sent=2) in result.output
    assert len(mailbox.received()) == 2


def test_deliver_without_mail_server_says_so(runner, smtp_at, make_message, reload_message):
    row = make_message()
    smtp_at(25, server="")

    result = runner.invoke(args=["rb", "deliver"])

    assert result.exit_code == 0, result.output
    assert counts(held=1) in result.output
    assert gettext("No mail server is configured (MAIL_SERVER): held messages stay in "
                   "the outbox.") in result.output
    assert reload_message(row).status == "held"


def test_deliver_refuses_a_bad_moment(runner, mailbox, make_message, reload_message):
    row = make_message()

    result = runner.invoke(args=["rb", "deliver", "--now", "tomorrow morning"])

    assert result.exit_code == 2
    assert "'tomorrow morning'" in result.output
    assert "2026-11-25T07:30+08:00" in result.output
    assert mailbox.received() == []
    assert reload_message(row).status == "pending"
