"""Exactly one digest per recipient per ISO week, sent on the week's first
working day: Monday, or the next working day when Monday is a holiday."""
from datetime import date

import pytest

from rbtasks.snapshots.models import WeeklySnapshot
from rbtasks.workdays.models import CalendarOverride
from tests.digest.conftest import MONDAY, digests, run_digest, wita
from tests.smtp import text_part


@pytest.fixture
def admin_override(db, now):
    """``admin_override(day, working, name)``: a calendar override as an admin adds it."""
    def make(day, working, name):
        db.session.add(CalendarOverride(day=day, working=working, name=name, created_at=now))
        db.session.commit()

    return make


def _addresses(mailbox):
    return sorted(address for entry in mailbox.received() for address in entry["to"])


def test_a_second_run_in_the_same_week_sends_nothing(runner, db, province, mailbox):
    run_digest(runner, "--now", MONDAY)
    assert len(mailbox.received()) == 3
    mailbox.clear()

    again = run_digest(runner, "--now", "2026-11-30T15:00+08:00")
    forced = run_digest(runner, "--now", "2026-12-03T07:30+08:00", "--force")

    assert mailbox.received() == []
    assert "planned 0 emails (3 already planned this week)" in again.output
    assert "planned 0 emails (3 already planned this week)" in forced.output
    assert len(digests(db)) == 3


def test_the_next_week_sends_again_with_the_change_since_the_first(
        runner, db, province, make_item, mailbox):
    run_digest(runner, "--now", MONDAY)
    mailbox.clear()
    # During the week: one item verified, one new item added.
    peta = province.items["peta"]
    peta.status, peta.progress, peta.completed_at = "done", 100, wita(2026, 12, 2, 10, 0)
    make_item(title="Inovasi pelayanan", pokja=province.pengawasan, agency=province.biro,
              status="in_progress", due_date=date(2026, 12, 30), progress=10)
    db.session.commit()

    run_digest(runner, "--now", "2026-12-07T07:30+08:00")

    assert _addresses(mailbox) == ["agnes@nttprov.go.id", "ketua@nttprov.go.id",
                                   "maria@nttprov.go.id"]
    message = mailbox.to("maria@nttprov.go.id")[0]
    assert message["Subject"] == "[RB] Weekly summary 7 Dec 2026 — 2 overdue, 1 done last week"
    text = text_part(message).replace("\r\n", "\n")
    assert "Action items: 6 (+1 since last week)" in text
    assert "Done: 2 (+1 since last week)" in text
    assert "In progress: 1 (±0 since last week)" in text
    # 30 Nov: Peta and SOP overdue; 7 Dec: SOP and LHKPN (due 4 Dec).
    assert "Overdue: 2 (±0 since last week)" in text
    assert "Completed last week (30 Nov 2026 – 6 Dec 2026): 1" in text
    assert "Peta proses bisnis — Pokja Penguatan Pengawasan" in text
    assert "Became overdue last week: 1" in text and "Reviu LHKPN" in text
    keys = {row.dedup_key for row in digests(db)}
    assert "digest:2026-W50:maria@nttprov.go.id" in keys
    assert "digest:2026-W49:maria@nttprov.go.id" in keys
    weeks = {row.week_start for row in db.session.scalars(db.select(WeeklySnapshot))}
    assert weeks == {date(2026, 11, 30), date(2026, 12, 7)}


def test_other_days_of_the_week_send_nothing_and_say_so(runner, db, province, mailbox):
    result = run_digest(runner, "--now", "2026-12-01T07:30+08:00")
    assert "2026-12-01 is not the first working day of 2026-W49 (that is 2026-11-30)" \
        in result.output
    assert mailbox.received() == [] and digests(db) == []
    assert db.session.scalars(db.select(WeeklySnapshot)).all() == []


def test_a_holiday_monday_moves_the_digest_to_tuesday(runner, db, province, mailbox):
    # Monday 17 Aug 2026 is Independence Day.
    monday = run_digest(runner, "--now", "2026-08-17T07:30+08:00")
    assert "that is 2026-08-18" in monday.output
    assert mailbox.received() == []

    run_digest(runner, "--now", "2026-08-18T07:30+08:00")
    assert _addresses(mailbox) == ["agnes@nttprov.go.id", "ketua@nttprov.go.id",
                                   "maria@nttprov.go.id"]
    assert {row.dedup_key.split(":")[1] for row in digests(db)} == {"2026-W34"}


def test_cuti_bersama_and_imlek_move_the_digest_to_wednesday(runner, db, province, mailbox):
    # Mon 16 Feb 2026 is cuti bersama Imlek, Tue 17 Feb is Imlek itself.
    for day in ("2026-02-16", "2026-02-17"):
        result = run_digest(runner, "--now", f"{day}T07:30+08:00")
        assert "that is 2026-02-18" in result.output
    assert mailbox.received() == []
    run_digest(runner, "--now", "2026-02-18T07:30+08:00")
    assert len(mailbox.received()) == 3


def test_the_admins_overrides_move_the_digest_both_ways(runner, db, province, admin_override,
                                                        mailbox):
    # Monday 7 Dec declared a day off: Tuesday sends.
    admin_override(date(2026, 12, 7), working=False, name="Cuti bersama daerah")
    run_digest(runner, "--now", "2026-12-07T07:30+08:00")
    assert mailbox.received() == []
    run_digest(runner, "--now", "2026-12-08T07:30+08:00")
    assert len(mailbox.received()) == 3
    mailbox.clear()
    # Independence Day declared a working day: that Monday sends.
    admin_override(date(2026, 8, 17), working=True, name="Hari kerja")
    run_digest(runner, "--now", "2026-08-17T07:30+08:00")
    assert len(mailbox.received()) == 3
