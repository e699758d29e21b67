"""The digest draws each distinct chart once per run, and none again while
the numbers stay the same."""
import pytest

from rbtasks.dashboard import charts
from rbtasks.digest.planner import plan_digests
from rbtasks.extensions import cache
from tests.digest.conftest import wita

MONDAY = wita(2026, 11, 30)


@pytest.fixture
def draws(monkeypatch):
    cache.clear()  # another test may have drawn the same numbers
    drawn = []
    original = charts.status_per_pokja_png

    def counting(summary, format="png"):
        drawn.append([row.name for row in summary.pokjas])
        return original(summary, format=format)

    monkeypatch.setattr(charts, "status_per_pokja_png", counting)
    return drawn


def test_recipients_sharing_a_scope_and_language_share_one_drawing(db, province, make_user,
                                                                   draws):
    make_user(role="leader", name="Drs. Benediktus Ndun, M.Si.", email="wakil@nttprov.go.id",
              locale="id")

    report = plan_digests(MONDAY, dry_run=True)

    assert len(report.messages) == 4
    # the whole plan (two leaders, Indonesian), Pokja Pelayanan (Indonesian),
    # Pokja Pengawasan (English)
    assert len(draws) == 3
    attachments = {message.email: message.rendered.attachments[0].data
                   for message in report.messages}
    assert attachments["ketua@nttprov.go.id"] == attachments["wakil@nttprov.go.id"]


def test_a_second_run_on_the_same_numbers_draws_nothing(db, province, draws):
    plan_digests(MONDAY, dry_run=True)
    drawn = len(draws)

    again = plan_digests(MONDAY, dry_run=True)

    assert drawn == 3 and len(draws) == drawn
    assert all(message.rendered.attachments for message in again.messages)
