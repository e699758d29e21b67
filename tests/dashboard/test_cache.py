"""The dashboard's numbers come from the cache until something they read
changes, and are then exactly the new numbers; charts are drawn once for
the same numbers."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from config import TestConfig
from rbtasks.dashboard import charts
from rbtasks.dashboard.summary import summarise
from rbtasks.extensions import cache
from rbtasks.items.models import ActionItem
from rbtasks.timeutil import local_today, utc_now
from tests.queries import counting_queries


@pytest.fixture
def plan(build_plan, now, app):
    return build_plan(local_today(now))  # Wednesday 25 Nov 2026


@pytest.fixture
def live_plan(build_plan, app):
    """The plan around the real today, for tests that go through the API
    (which counts as of the real moment)."""
    return build_plan(local_today(utc_now()))


def _numbers(summary):
    headline = summary.headline
    return (headline.total, headline.done, headline.overdue, headline.due_soon,
            headline.average_progress, [(row.name, row.items, row.overdue) for row in
                                        summary.pokjas],
            [(row.name, row.overdue, row.most_overdue_days) for row in summary.agencies],
            [item.id for item in summary.upcoming], summary.rates)


def _overdue_in_list(client, query):
    page = client.get(f"/api/v1/items?{query.query_string}&per_page=100")
    assert page.status_code == 200
    return len(page.get_json()["data"])  # a handful: one page holds them all


def test_unchanged_data_is_answered_without_the_aggregate_queries(plan, db, now):
    first = summarise(plan.users.leader, now)
    with counting_queries(db.engine) as statements:
        second = summarise(plan.users.leader, now)

    assert _numbers(second) == _numbers(first)
    assert not [sql for sql in statements if "GROUP BY" in sql.upper()]


def test_an_edited_item_counts_at_once(live_plan, api, db):
    leader = api(live_plan.users.leader)
    before = leader.get("/api/v1/summary").get_json()
    assert before["headline"]["overdue"] == 3
    item = live_plan.items[8]  # due in 14 days, not overdue

    coordinator = api(live_plan.users.coord1)
    edited = coordinator.patch(f"/api/v1/items/{item.id}", json={
        "version": item.version, "due_date": (live_plan.today - timedelta(days=2)).isoformat()})
    assert edited.status_code == 200, edited.get_json()

    after = summarise(live_plan.users.leader, utc_now())
    assert after.headline.overdue == 4 and after.headline.due_soon == 1
    assert leader.get("/api/v1/summary").get_json()["headline"]["overdue"] == 4
    assert _overdue_in_list(leader, after.queries["overdue"]) == 4


def test_a_quarter_realisation_moves_the_average_progress(live_plan, api):
    owner = api(live_plan.users.m1)
    item = live_plan.items[1]  # P1, in progress, 40%
    before = summarise(live_plan.users.leader, utc_now()).headline.average_progress

    changed = owner.put(f"/api/v1/items/{item.id}/quarters", json={
        "version": item.version, "progress_from_quarters": True,
        "quarters": [{"quarter": 1, "target": "80", "realisation": "72"}]})
    assert changed.status_code == 200, changed.get_json()

    after = summarise(live_plan.users.leader, utc_now()).headline.average_progress
    assert changed.get_json()["progress"] == 90
    assert float(after - before) == pytest.approx(50 / 9, abs=0.01)  # 40% -> 90%, 9 items counted


def test_an_approved_extension_takes_the_item_out_of_overdue(live_plan, api):
    item = live_plan.items[1]  # overdue by 5 days
    assert summarise(live_plan.users.leader, utc_now()).headline.overdue == 3

    asked = api(live_plan.users.m1).post(f"/api/v1/items/{item.id}/extensions", json={
        "new_due_date": (live_plan.today + timedelta(days=30)).isoformat(),
        "reason": "Menunggu SK Gubernur"})
    assert asked.status_code == 201, asked.get_json()
    decided = api(live_plan.users.coord1).post(f"/api/v1/extensions/{asked.get_json()['id']}/decision",
                                          json={"approve": True, "reason": "Wajar"})
    assert decided.status_code == 200, decided.get_json()

    assert summarise(live_plan.users.leader, utc_now()).headline.overdue == 2


def test_a_renamed_pokja_shows_its_new_name(plan, db, now):
    summarise(plan.users.leader, now)
    plan.pokjas["P3"].name = "Pokja Penataan Tatalaksana"
    db.session.commit()

    names = [row.name for row in summarise(plan.users.leader, now).pokjas]
    assert "Pokja Penataan Tatalaksana" in names and "Pokja Tatalaksana" not in names


def test_each_scope_and_day_has_its_own_answer(plan, now):
    leader = summarise(plan.users.leader, now)
    coordinator = summarise(plan.users.coord1, now)
    tomorrow = summarise(plan.users.leader, now + timedelta(days=1))

    assert (leader.headline.total, coordinator.headline.total) == (10, 5)
    # Thursday: the item due on Wednesday is overdue now
    assert (leader.headline.overdue, tomorrow.headline.overdue) == (3, 4)


def test_a_failing_cache_costs_time_not_correctness(plan, now, monkeypatch):
    expected = _numbers(summarise(plan.users.leader, now))

    def broken(*args, **kwargs):
        raise ConnectionError("Redis tidak dapat dihubungi")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    assert _numbers(summarise(plan.users.leader, now)) == expected


@pytest.fixture
def draws(monkeypatch):
    """Counts the charts actually drawn (not served from the cache), from an
    empty cache (another test may have drawn the same numbers)."""
    cache.clear()
    drawn = []
    original = charts.status_per_pokja_png

    def counting(summary, format="png"):
        drawn.append(format)
        return original(summary, format=format)

    monkeypatch.setattr(charts, "status_per_pokja_png", counting)
    return drawn


def test_a_chart_is_drawn_once_for_the_same_numbers(plan, login, db, draws):
    client = login(plan.users.leader)
    url = "/dashboard/charts/status-per-pokja.svg"

    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.data == second.data and len(draws) == 1

    plan.items[2].status = "in_progress"  # P1: one not started fewer, one in progress more
    db.session.commit()
    third = client.get(url)
    assert third.data != first.data and len(draws) == 2
    assert client.get("/dashboard/charts/status-per-pokja.png").status_code == 200
    assert len(draws) == 3  # another format


@pytest.mark.real_commits
def test_every_worker_answers_the_committed_numbers(app, db, make_item_cast, make_user):
    """Two apps on one database stand for two gunicorn workers, each with its
    own cache: a change committed through one is seen by the other."""
    from rbtasks import create_app

    class SecondWorker(TestConfig):
        SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]

    today = local_today(utc_now())
    cast = make_item_cast(title="Reviu SOP pelayanan", due_date=today + timedelta(days=3))
    leader = make_user(role="leader")
    db.session.commit()
    second = create_app(SecondWorker)
    try:
        with second.app_context():
            from rbtasks.accounts.models import User
            from rbtasks.extensions import db as second_db

            def overdue_in_second_worker():
                second_db.session.remove()
                return summarise(second_db.session.get(User, leader.id), utc_now()).headline.overdue

            assert overdue_in_second_worker() == 0
            assert overdue_in_second_worker() == 0  # now from the second worker's cache

        item = db.session.get(ActionItem, cast["item"].id)
        item.due_date = today - timedelta(days=1)
        db.session.commit()

        with second.app_context():
            assert overdue_in_second_worker() == 1
    finally:
        with second.app_context():
            second_db.session.remove()
            second_db.engine.dispose()


def test_unknown_token_rows_are_not_cached(plan, db, now):
    db.session.execute(sa.text("DELETE FROM data_version"))
    first = summarise(plan.users.leader, now)
    plan.items[8].status = "blocked"
    db.session.execute(sa.text("DELETE FROM data_version"))  # a wipe between the two reads
    db.session.flush()
    assert summarise(plan.users.leader, now).headline.blocked == first.headline.blocked + 1
