"""The scheduler's digest job: sends on the week's first working day only."""
from rbtasks.digest.jobs import digest_job
from tests.digest.conftest import digests, wita


def test_the_job_sends_on_monday(app, db, province, mailbox):
    outcome = digest_job(app, now=wita(2026, 11, 30))
    assert outcome.startswith("digest for 2026-W49: planned 3 emails")
    assert "sent 3" in outcome
    assert len(mailbox.received()) == 3


def test_the_job_skips_the_other_weekdays(app, db, province, mailbox):
    for day in (1, 2, 3, 4):
        outcome = digest_job(app, now=wita(2026, 12, day))
        assert "is not the first working day of 2026-W49" in outcome
    assert mailbox.received() == [] and digests(db) == []


def test_a_failing_job_is_logged_and_rolled_back(app, db, province, mailbox, caplog):
    def broken(now):
        raise RuntimeError("database went away")

    assert digest_job(app, now=wita(2026, 11, 30), plan=broken) == "digest failed"
    assert "digest for 2026-11-30 failed" in caplog.text
    assert digests(db) == [] and mailbox.received() == []
