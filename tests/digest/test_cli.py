"""``flask rb digest``: its options and what it prints."""
from tests.digest.conftest import MONDAY, digests, run_digest


def test_dry_run_prints_each_recipient_and_writes_and_sends_nothing(runner, db, province,
                                                                     mailbox):
    result = run_digest(runner, "--now", MONDAY, "--dry-run")
    assert "would plan 3 emails" in result.output
    assert "maria@nttprov.go.id: Pokja Penguatan Pengawasan — [RB] Weekly summary 30 Nov 2026" \
        in result.output
    assert "ketua@nttprov.go.id: all pokja" in result.output
    assert digests(db) == [] and mailbox.received() == []


def test_a_naive_now_is_read_in_wita(runner, db, province, mailbox):
    # 23:30 on Sunday in WITA (though Monday 07:30 in Makassar is 23:30 UTC).
    sunday = run_digest(runner, "--now", "2026-11-29T23:30")
    assert "2026-11-29 is not the first working day" in sunday.output
    assert mailbox.received() == []
    monday = run_digest(runner, "--now", "2026-11-29T23:30+00:00")
    assert "Digest for 2026-W49 on 2026-11-30: planned 3 emails" in monday.output
    assert len(mailbox.received()) == 3


def test_a_bad_now_is_refused(runner, db, province, mailbox):
    for text in ("next monday", "2026-13-01T07:30", ""):
        result = runner.invoke(args=["rb", "digest", "--now", text])
        assert result.exit_code == 2, result.output
        assert "--now" in result.output and "ISO 8601" in result.output
    assert digests(db) == [] and mailbox.received() == []


def test_without_a_mail_server_the_digest_is_kept_in_the_outbox(
        runner, db, province, app, monkeypatch, mailbox):
    monkeypatch.setattr(app.extensions["mail"], "server", "")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    result = run_digest(runner, "--now", MONDAY)
    assert "held 3" in result.output
    assert {row.status for row in digests(db)} == {"held"}
    assert mailbox.received() == []
