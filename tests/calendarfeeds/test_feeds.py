"""What a calendar app sees when it subscribes to a feed: issue 10's "Calendar feeds".

Feeds are fetched at the real moment (the edge reads the clock), so due
dates here are relative to today in WITA.
"""
from datetime import date, timedelta

import pytest

from rbtasks.calendarfeeds.services import _shift_months
from rbtasks.timeutil import local_today, utc_now
from tests.calendarfeeds.conftest import events_by_uid, read_feed, uid_of


@pytest.fixture
def today(app):
    return local_today(utc_now())


@pytest.fixture
def owner(make_user, make_agency):
    agency = make_agency(name="Biro Organisasi Setda NTT", code="BIRO-ORG")
    return make_user(role="member", agency=agency, name="Oktavianus Pello, S.H., M.H.",
                     locale="id")


def test_my_feed_has_one_all_day_event_per_open_item_on_its_due_date(
        client, feed_token, make_item, owner, today):
    due = today + timedelta(days=20)
    item = make_item(owner=owner, title="Menyusun SOP pelayanan perizinan", due_date=due,
                     status="in_progress")
    calendar = read_feed(client, f"/calendar/{feed_token(owner)}/mine.ics")

    assert str(calendar["VERSION"]) == "2.0"
    assert "rbtasks" in str(calendar["PRODID"])
    assert str(calendar["X-WR-CALNAME"]) == "Tenggat saya (rbtasks)"
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == uid_of(item)
    assert str(event["SUMMARY"]) == "Menyusun SOP pelayanan perizinan"
    # all day: DATE values, not moments, ending the next day
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTSTART") == due
    assert event.decoded("DTEND") == due + timedelta(days=1)
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert str(event["URL"]) == f"http://rbtasks.test/items/{item.id}"
    assert str(event["TRANSP"]) == "TRANSPARENT"


def test_description_names_pokja_agency_owner_and_status_in_the_users_language(
        client, feed_token, make_item, make_pokja, owner, today):
    pokja = make_pokja(name="Pokja Penataan Tatalaksana, Deregulasi; dan SDM", members=[owner])
    item = make_item(owner=owner, pokja=pokja, status="blocked",
                     title="Rapat koordinasi; evaluasi, tindak lanjut",
                     due_date=today + timedelta(days=3))
    response = client.get(f"/calendar/{feed_token(owner)}/mine.ics")
    # Long lines are folded at 75 octets (RFC 5545 3.1); unfolded, the library
    # has escaped TEXT values (3.3.11): commas and semicolons never split a value.
    raw = response.get_data(as_text=True).replace("\r\n ", "")
    assert "SUMMARY:Rapat koordinasi\\; evaluasi\\, tindak lanjut" in raw
    assert "Oktavianus Pello\\, S.H.\\, M.H." in raw

    [event] = read_feed(client, f"/calendar/{feed_token(owner)}/mine.ics").walk("VEVENT")
    assert str(event["SUMMARY"]) == "Rapat koordinasi; evaluasi, tindak lanjut"
    assert str(event["DESCRIPTION"]).split("\n") == [
        "Pokja: Pokja Penataan Tatalaksana, Deregulasi; dan SDM",
        "Perangkat Daerah: Biro Organisasi Setda NTT",
        "Penanggung jawab: Oktavianus Pello, S.H., M.H.",
        "Status: Terhambat",
        f"http://rbtasks.test/items/{item.id}",
    ]


def test_an_english_reader_gets_english_text(client, db, feed_token, make_item, owner, today):
    owner.locale = "en"
    db.session.commit()
    make_item(owner=owner, status="submitted", due_date=today)
    calendar = read_feed(client, f"/calendar/{feed_token(owner)}/mine.ics")
    assert str(calendar["X-WR-CALNAME"]) == "My deadlines (rbtasks)"
    [event] = calendar.walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert "Agency: Biro Organisasi Setda NTT" in description
    assert "Owner: Oktavianus Pello, S.H., M.H." in description
    assert "Status: Awaiting verification" in description


def test_closed_deleted_and_other_peoples_items_are_left_out(
        client, db, feed_token, make_item, make_user, owner, now, today):
    due = today + timedelta(days=10)
    open_ones = [make_item(owner=owner, status=status, due_date=due)
                 for status in ("not_started", "in_progress", "blocked", "submitted")]
    done = make_item(owner=owner, status="done", due_date=due)
    cancelled = make_item(owner=owner, status="cancelled", due_date=due)
    deleted = make_item(owner=owner, status="in_progress", due_date=due, deleted_at=now)
    someone_elses = make_item(owner=make_user(), status="in_progress", due_date=due)

    events = events_by_uid(read_feed(client, f"/calendar/{feed_token(owner)}/mine.ics"))
    assert set(events) == {uid_of(item) for item in open_ones}
    for left_out in (done, cancelled, deleted, someone_elses):
        assert uid_of(left_out) not in events


def test_the_window_runs_from_two_months_back_to_twelve_ahead(
        client, feed_token, make_item, owner, today):
    first, last = _shift_months(today, -2), _shift_months(today, 12)
    inside = {name: make_item(owner=owner, due_date=day, title=name)
              for name, day in (("first", first), ("today", today), ("last", last))}
    outside = [make_item(owner=owner, due_date=first - timedelta(days=1)),
               make_item(owner=owner, due_date=last + timedelta(days=1))]

    events = events_by_uid(read_feed(client, f"/calendar/{feed_token(owner)}/mine.ics"))
    assert set(events) == {uid_of(item) for item in inside.values()}
    assert all(uid_of(item) not in events for item in outside)


@pytest.mark.parametrize("day, months, expected", [
    (date(2026, 12, 31), -2, date(2026, 10, 31)),
    (date(2026, 4, 30), -2, date(2026, 2, 28)),   # no 30 February: the month's last day
    (date(2028, 4, 29), -2, date(2028, 2, 29)),   # a leap year
    (date(2026, 1, 15), -2, date(2025, 11, 15)),  # across a year
    (date(2026, 12, 31), 12, date(2027, 12, 31)),
    (date(2028, 2, 29), 12, date(2029, 2, 28)),
])
def test_months_are_counted_on_the_calendar(day, months, expected):
    assert _shift_months(day, months) == expected


def test_the_uid_is_stable_across_requests_and_a_moved_deadline_moves_the_event(
        client, db, feed_token, make_item, owner, today):
    item = make_item(owner=owner, due_date=today + timedelta(days=5))
    url = f"/calendar/{feed_token(owner)}/mine.ics"
    [before] = read_feed(client, url).walk("VEVENT")
    item.due_date = today + timedelta(days=40)
    db.session.commit()
    [after] = read_feed(client, url).walk("VEVENT")
    assert str(before["UID"]) == str(after["UID"]) == uid_of(item)
    assert after.decoded("DTSTART") == today + timedelta(days=40)


def test_the_same_item_has_the_same_uid_in_every_feed(
        client, feed_token, make_item, make_pokja, owner, today):
    pokja = make_pokja(members=[owner])
    item = make_item(owner=owner, pokja=pokja, due_date=today)
    token = feed_token(owner)
    mine = events_by_uid(read_feed(client, f"/calendar/{token}/mine.ics"))
    pokja_feed = events_by_uid(read_feed(client, f"/calendar/{token}/pokja/{pokja.id}.ics"))
    assert set(mine) == set(pokja_feed) == {uid_of(item)}


def test_an_empty_feed_is_still_a_calendar(client, feed_token, owner):
    calendar = read_feed(client, f"/calendar/{feed_token(owner)}/mine.ics")
    assert calendar.walk("VEVENT") == []
    assert str(calendar["X-WR-CALNAME"]) == "Tenggat saya (rbtasks)"


def test_the_answer_is_kept_out_of_shared_caches(client, feed_token, owner):
    response = client.get(f"/calendar/{feed_token(owner)}/mine.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]
