"""Who may read which feed: the token's user's permissions decide, and an
address that is wrong in any way answers 404, whoever asks."""
from datetime import timedelta

import pytest

from rbtasks.timeutil import local_today, utc_now
from tests.calendarfeeds.conftest import events_by_uid, read_feed, uid_of


@pytest.fixture
def plan(make_user, make_agency, make_pokja, make_item):
    """Pokja P (coordinated by coord_p; owner and member in it) and Q (coord_q);
    agency A (head_a; owner works there) and B. Items, all open and due soon:
    p_a (P, A, owner), p_b (P, B, member), q_a (Q, A, nobody), q_b (Q, B)."""
    today = local_today(utc_now())
    agency_a = make_agency(name="Badan Kepegawaian Daerah", code="BKD")
    agency_b = make_agency(name="Inspektorat Daerah", code="INSP")
    people = {
        "admin": make_user(role="admin"), "leader": make_user(role="leader"),
        "coord_p": make_user(role="coordinator"), "coord_q": make_user(role="coordinator"),
        "head_a": make_user(role="agency_head", agency=agency_a),
        "owner": make_user(role="member", agency=agency_a),
        "member": make_user(role="member", agency=agency_b),
    }
    pokja_p = make_pokja(name="Pokja Manajemen Perubahan", coordinators=[people["coord_p"]],
                         members=[people["owner"], people["member"]])
    pokja_q = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[people["coord_q"]])
    due = today + timedelta(days=7)
    items = {
        "p_a": make_item(pokja=pokja_p, agency=agency_a, owner=people["owner"], due_date=due),
        "p_b": make_item(pokja=pokja_p, agency=agency_b, owner=people["member"], due_date=due),
        "q_a": make_item(pokja=pokja_q, agency=agency_a, due_date=due),
        "q_b": make_item(pokja=pokja_q, agency=agency_b, due_date=due),
    }
    return {"people": people, "items": items, "P": pokja_p, "Q": pokja_q, "A": agency_a,
            "B": agency_b}


def _uids(plan, *names):
    return {uid_of(plan["items"][name]) for name in names}


@pytest.mark.parametrize("person, pokja, expected", [
    ("admin", "P", ("p_a", "p_b")), ("admin", "Q", ("q_a", "q_b")),
    ("leader", "Q", ("q_a", "q_b")),
    ("coord_p", "P", ("p_a", "p_b")), ("coord_q", "Q", ("q_a", "q_b")),
    ("owner", "P", ("p_a", "p_b")), ("member", "P", ("p_a", "p_b")),
])
def test_a_pokja_feed_carries_the_pokjas_items_for_those_who_follow_it(
        client, feed_token, plan, person, pokja, expected):
    token = feed_token(plan["people"][person])
    calendar = read_feed(client, f"/calendar/{token}/pokja/{plan[pokja].id}.ics")
    assert set(events_by_uid(calendar)) == _uids(plan, *expected)
    assert str(calendar["X-WR-CALNAME"]) == f"Deadlines of {plan[pokja].name} (rbtasks)"


@pytest.mark.parametrize("person, pokja", [
    ("coord_q", "P"), ("coord_p", "Q"), ("owner", "Q"), ("member", "Q"),
    # an agency head sees their agency's items, not a whole pokja
    ("head_a", "P"), ("head_a", "Q"),
])
def test_a_pokja_feed_is_not_found_for_those_who_do_not_follow_it(
        client, feed_token, plan, person, pokja):
    token = feed_token(plan["people"][person])
    response = client.get(f"/calendar/{token}/pokja/{plan[pokja].id}.ics")
    assert response.status_code == 404
    assert b"VCALENDAR" not in response.get_data()


@pytest.mark.parametrize("person, agency, expected", [
    ("admin", "A", ("p_a", "q_a")), ("leader", "B", ("p_b", "q_b")),
    ("head_a", "A", ("p_a", "q_a")),
])
def test_an_agency_feed_carries_the_agencys_items_for_its_head_and_the_plans_readers(
        client, feed_token, plan, person, agency, expected):
    token = feed_token(plan["people"][person])
    calendar = read_feed(client, f"/calendar/{token}/agency/{plan[agency].id}.ics")
    assert set(events_by_uid(calendar)) == _uids(plan, *expected)


@pytest.mark.parametrize("person, agency", [
    ("head_a", "B"), ("owner", "A"), ("member", "B"), ("coord_p", "A"),
])
def test_an_agency_feed_is_not_found_for_anyone_else(client, feed_token, plan, person, agency):
    token = feed_token(plan["people"][person])
    assert client.get(f"/calendar/{token}/agency/{plan[agency].id}.ics").status_code == 404


def test_my_feed_carries_only_what_the_user_owns(client, feed_token, plan):
    token = feed_token(plan["people"]["owner"])
    events = events_by_uid(read_feed(client, f"/calendar/{token}/mine.ics"))
    assert set(events) == _uids(plan, "p_a")


def test_a_pokja_or_agency_that_does_not_exist_is_not_found(client, feed_token, plan):
    token = feed_token(plan["people"]["admin"])
    assert client.get(f"/calendar/{token}/pokja/987654.ics").status_code == 404
    assert client.get(f"/calendar/{token}/agency/987654.ics").status_code == 404
    assert client.get(f"/calendar/{token}/pokja/{2**31}.ics").status_code == 404


@pytest.mark.parametrize("token", [
    "tidak-ada", "A" * 43, "x" * 500,
])
def test_an_unknown_token_is_not_found(client, feed_token, plan, token):
    feed_token(plan["people"]["owner"])  # a real one exists beside it
    for url in (f"/calendar/{token}/mine.ics", f"/calendar/{token}/pokja/{plan['P'].id}.ics"):
        assert client.get(url).status_code == 404


def test_a_deactivated_users_feeds_are_not_found(client, db, feed_token, plan):
    owner = plan["people"]["owner"]
    token = feed_token(owner)
    owner.active = False
    db.session.commit()
    assert client.get(f"/calendar/{token}/mine.ics").status_code == 404
    assert client.get(f"/calendar/{token}/pokja/{plan['P'].id}.ics").status_code == 404


def test_the_feed_needs_no_session_and_ignores_the_one_it_gets(
        client, feed_token, login, plan):
    """Read with the token's user's rights, whoever's browser fetches it."""
    token = feed_token(plan["people"]["owner"])
    as_coord_q = login(plan["people"]["coord_q"])
    events = events_by_uid(read_feed(as_coord_q, f"/calendar/{token}/pokja/{plan['P'].id}.ics"))
    assert set(events) == _uids(plan, "p_a", "p_b")
    assert as_coord_q.get(f"/calendar/{feed_token(plan['people']['coord_q'])}/pokja/"
                          f"{plan['P'].id}.ics").status_code == 404


def test_fetches_are_limited_per_address_not_per_client(app, client, feed_token, plan,
                                                        monkeypatch):
    """Google and Microsoft fetch everyone's feeds from a few shared addresses."""
    monkeypatch.setitem(app.config, "RBTASKS_CALENDAR_FEED_RATE_LIMIT", "3 per minute")
    mine = f"/calendar/{feed_token(plan['people']['owner'])}/mine.ics"
    theirs = f"/calendar/{feed_token(plan['people']['member'])}/mine.ics"
    assert [client.get(mine).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert client.get(theirs).status_code == 200
