"""The demo looks alive whenever it is seeded: `flask rb seed-demo --now` on two
dates years apart gives the RB index up to the year before with a target,
eight weeks of overdue trend, finished items with their evidence, and a
summary in one language."""
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from rbtasks.accounts.models import User
from rbtasks.dashboard.history import overdue_per_week
from rbtasks.dashboard.scope import resolve_scope
from rbtasks.dashboard.summary import summarise
from rbtasks.demo.data import DEMO_PASSWORD
from rbtasks.evidence.models import Evidence
from rbtasks.items.constants import DONE, SUBMITTED
from rbtasks.items.models import ActionItem
from rbtasks.rbindex.services import list_index_scores
from rbtasks.timeutil import parse_moment

MOMENTS = {"2026-11-30T10:00:00+08:00": date(2026, 11, 30),
           "2031-03-02T10:00:00+08:00": date(2031, 3, 2)}


@pytest.fixture(params=list(MOMENTS), ids=["2026", "2031"])
def seeded(request, runner, db):
    """(the moment, its date, the command's output) after seeding as of it."""
    result = runner.invoke(args=["rb", "seed-demo", "--now", request.param])
    assert result.exit_code == 0, result.output
    return parse_moment(request.param), MOMENTS[request.param], result.output


def user(db, email_start):
    return db.session.scalar(sa.select(User).where(User.email.startswith(email_start)))


def test_the_rb_index_runs_to_last_year_with_a_target_for_this_one(seeded, db):
    _now, today, _output = seeded

    records = list_index_scores(user(db, "benediktus.ndun"))

    scored = [record.year for record in records if record.score is not None]
    assert scored == list(range(2017, today.year))
    assert [float(record.score) for record in records[:3]] == [61.65, 60.15, 60.37]
    this_year = records[-1]
    assert (this_year.year, this_year.score) == (today.year, None)
    assert this_year.target > records[-2].score
    assert all(0 < record.score <= 100 for record in records if record.score is not None)


def test_eight_weeks_of_snapshots_show_overdue_items_every_week(seeded, db):
    now, today, _output = seeded
    leader = user(db, "benediktus.ndun")

    weeks = overdue_per_week(resolve_scope(leader), now)

    this_monday = today - timedelta(days=today.weekday())
    assert [week.week_start for week in weeks] == [
        this_monday - timedelta(weeks=back) for back in range(7, -1, -1)]
    assert all(week.overdue > 0 for week in weeks), weeks
    assert weeks[-1].overdue == summarise(leader, now).headline.overdue
    # The coordinator's and the agency head's dashboards have their trend too.
    for email_start in ("agustinus.tefa", "theresia.mboi"):
        scoped = overdue_per_week(resolve_scope(user(db, email_start)), now)
        assert len(scoped) == 8 and sum(week.overdue for week in scoped) > 0


def test_finished_items_carry_evidence_that_opens(seeded, db, login):
    _now, _today, _output = seeded
    finished = db.session.scalars(
        sa.select(ActionItem).where(ActionItem.status.in_((DONE, SUBMITTED)))).all()
    assert len(finished) >= 8

    evidence = db.session.scalars(sa.select(Evidence)).all()
    assert {piece.item_id for piece in evidence} == {item.id for item in finished}
    assert any(piece.url for piece in evidence)
    document = next(piece for piece in evidence if piece.is_file)
    owner = db.session.get(ActionItem, document.item_id).owner
    response = login(owner, DEMO_PASSWORD).get(f"/evidence/{document.id}/download")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-") and response.data.rstrip().endswith(b"%%EOF")
    assert document.original_name.endswith(".pdf")


def test_finished_items_count_in_the_implementation_rate(seeded, db):
    """Verified items say when; some were verified by their deadline, some late."""
    now, _today, _output = seeded
    done = db.session.scalars(sa.select(ActionItem).where(ActionItem.status == DONE)).all()
    assert done and all(item.completed_at and item.submitted_at for item in done)

    summary = summarise(user(db, "benediktus.ndun"), now)

    assert 0 < summary.rates.implementation_rate < summary.rates.completion_rate < 1


def test_the_summary_speaks_one_language(app, runner, db):
    previous = app.config["BABEL_DEFAULT_LOCALE"]
    app.config["BABEL_DEFAULT_LOCALE"] = "id"  # the product's default (config.Config)
    try:
        result = runner.invoke(args=["rb", "seed-demo", "--now", "2031-03-02T10:00:00+08:00"])
    finally:
        app.config["BABEL_DEFAULT_LOCALE"] = previous

    assert result.exit_code == 0, result.output
    assert ("Data demo dibuat: 8 area perubahan, 10 perangkat daerah, 15 pengguna, 8 pokja, "
            "40 rencana aksi, 13 data dukung, snapshot 8 minggu, indeks RB 15 tahun, "
            "1 instrumen contoh penilaian mandiri, 2 rapat monev."
            ) in result.output
    assert "PERAN" in result.output and "KATA SANDI" in result.output
    assert "Koordinator Pokja" in result.output and "Kepala Perangkat Daerah" in result.output
    english = ("areas", "agencies", "users", "items", "index", "ROLE", "NAME", "PASSWORD",
               "admin ", "leader", "coordinator", "agency_head", "member")
    assert [word for word in english if word in result.output] == []


def test_the_summary_in_english_names_everything_in_english(runner, db):
    result = runner.invoke(args=["rb", "seed-demo", "--now", "2026-11-30T10:00:00+08:00"])

    assert ("Demo data created: 8 areas of change, 10 agencies, 15 users, 8 pokja, "
            "40 action items, 13 pieces of evidence, 8 weeks of snapshots, "
            "10 years of the RB index, 1 sample self-assessment instrument, "
            "2 monev meetings.") in result.output
    assert "ROLE" in result.output and "Pokja coordinator" in result.output
