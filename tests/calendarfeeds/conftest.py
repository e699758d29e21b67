"""Feed addresses for test users, and reading a feed the way a calendar app does."""
import pytest
from icalendar import Calendar


@pytest.fixture
def feed_token(db, now):
    """``feed_token(user)``: the user's current feed token (made if need be), committed."""
    from rbtasks.calendarfeeds.tokens import feed_token as current_token

    def make(user):
        plain = current_token(user, now)
        db.session.commit()
        return plain

    return make


def read_feed(client, url):
    """GET ``url`` and parse it with icalendar; asserts it answered a calendar."""
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.get_data())


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid_of(item):
    return f"item-{item.id}@rbtasks.test"  # RBTASKS_BASE_URL is http://rbtasks.test
