"""plan_digests as a service, and the weekly run's day rule: dry runs, and
skipping what another run planned."""
from datetime import date

import sqlalchemy as sa

from rbtasks.digest.planner import dedup_key, plan_digests
from rbtasks.digest.run import run_weekly
from rbtasks.outbox.models import JobLock, OutboxMessage
from rbtasks.snapshots.models import WeeklySnapshot
from tests.digest.conftest import digests, wita

MONDAY = wita(2026, 11, 30)


def test_plans_one_pending_digest_per_recipient_with_its_chart(db, province):
    report = plan_digests(MONDAY)
    db.session.commit()
    assert report.planned_day and report.week == "2026-W49"
    assert [message.email for message in report.messages] == [
        "ketua@nttprov.go.id", "agnes@nttprov.go.id", "maria@nttprov.go.id"]
    rows = digests(db)
    assert {row.status for row in rows} == {"pending"}
    assert all(row.next_attempt_at == MONDAY and row.planned_at == MONDAY for row in rows)
    for row in rows:
        assert len(row.attachments) == 1
        attachment = row.attachments[0]
        assert attachment.content_type == "image/png"
        assert f'src="cid:{attachment.content_id}"' in row.body_html
    maria = next(row for row in rows if row.recipient_email == "maria@nttprov.go.id")
    assert maria.locale == "en" and maria.recipient_user_id == province.coordinator.id
    assert db.session.get(JobLock, "digest").last_run_at == MONDAY


def test_a_dry_run_builds_the_emails_and_writes_nothing(db, province):
    report = plan_digests(MONDAY, dry_run=True)
    db.session.rollback()
    assert len(report.messages) == 3 and report.messages[0].body_text
    assert digests(db) == []
    assert db.session.scalars(sa.select(WeeklySnapshot)).all() == []
    assert db.session.get(JobLock, "digest") is None


def test_not_the_first_working_day_plans_nothing_unless_forced(db, province):
    wednesday = wita(2026, 12, 2)
    report = run_weekly(wednesday, deliver=None)
    assert not report.planned_day and report.messages == []
    assert str(report.first_working_day) == "2026-11-30"

    forced = run_weekly(wednesday, force=True, deliver=None)
    db.session.commit()
    assert len(forced.messages) == 3
    assert {row.dedup_key.split(":")[1] for row in digests(db)} == {"2026-W49"}


def test_a_recipient_already_planned_elsewhere_is_skipped(db, province, now):
    from rbtasks.outbox.services import new_message_id

    db.session.add(OutboxMessage(
        kind="digest", dedup_key=dedup_key(date(2026, 11, 30), "ketua@nttprov.go.id"),
        recipient_email="ketua@nttprov.go.id", subject="x", body_text="x", body_html="x",
        message_id=new_message_id(), status="sent", planned_at=now, next_attempt_at=now))
    db.session.commit()
    report = plan_digests(MONDAY)
    db.session.commit()
    assert report.already_planned == ["ketua@nttprov.go.id"]
    assert [message.email for message in report.messages] == [
        "agnes@nttprov.go.id", "maria@nttprov.go.id"]
    assert len(digests(db)) == 3


def test_the_key_names_the_iso_week_and_stays_within_its_column():
    # 31 Dec 2026 is in ISO week 53 of 2026; 1 Jan 2027 too; 4 Jan 2027 is 2027-W01.
    assert dedup_key(date(2026, 12, 31), "a@b.id") == "digest:2026-W53:a@b.id"
    assert dedup_key(date(2027, 1, 4), "a@b.id") == "digest:2027-W01:a@b.id"
    long_address = "x" * 240 + "@nttprov.go.id"
    key = dedup_key(date(2026, 11, 30), long_address)
    assert len(key) <= 200 and key.startswith("digest:2026-W49:sha256:")
    assert key == dedup_key(date(2026, 12, 1), long_address)
