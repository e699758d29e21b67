"""Writing a feed as iCalendar (RFC 5545) with the ``icalendar`` library.

One all-day event per item on its due date (``DTSTART;VALUE=DATE``, ``DTEND``
the next day), shown as free time, so a deadline never blocks a meeting. The
UID is the item's, ``item-<id>@<host of RBTASKS_BASE_URL>``, the same in
every feed and on every request, so a calendar app moves the event when the
due date moves instead of adding another. Text is written in the language of
the feed's user; the library escapes commas, semicolons and line breaks.
"""
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _
from icalendar import Calendar, Event

from rbtasks.calendarfeeds.services import MINE, POKJA
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.mail.rendering import in_language
from rbtasks.mail.services import absolute_url

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT_ID = "-//rbtasks//Rencana Aksi Reformasi Birokrasi//ID"
REFRESH = timedelta(hours=1)  # how often calendar apps are asked to fetch again


def uid_domain():
    return urlsplit(current_app.config["RBTASKS_BASE_URL"]).hostname or "rbtasks"


def feed_name(scope):
    """The calendar's name as the app lists it (translate inside the reader's language)."""
    if scope.kind == MINE:
        return _("My deadlines (rbtasks)")
    if scope.kind == POKJA:
        return _("Deadlines of %(pokja)s (rbtasks)", pokja=scope.name)
    return _("Deadlines of %(agency)s (rbtasks)", agency=scope.name)


def _description_lines():
    """The description's lines as templates, translated once per feed, not per event."""
    return {"pokja": _("Pokja: %(name)s"), "agency": _("Agency: %(name)s"),
            "owner": _("Owner: %(name)s"), "status": _("Status: %(status)s"),
            "statuses": {status: str(label) for status, label in STATUS_LABELS.items()}}


def _description(item, link, lines):
    owner = item.owner.name if item.owner is not None else "—"
    return "\n".join([
        lines["pokja"] % {"name": item.pokja.name},
        lines["agency"] % {"name": item.agency.name},
        lines["owner"] % {"name": owner},
        lines["status"] % {"status": lines["statuses"][item.status]},
        link,
    ])


def _event(item, domain, lines, now):
    link = absolute_url("items.show_item", item_id=item.id)
    event = Event()
    event.add("uid", f"item-{item.id}@{domain}")
    event.add("dtstamp", now)
    event.add("last-modified", item.updated_at)
    event.add("dtstart", item.due_date)
    event.add("dtend", item.due_date + timedelta(days=1))
    event.add("summary", item.title)
    event.add("description", _description(item, link, lines))
    event.add("url", link)
    event.add("transp", "TRANSPARENT")
    return event


def render_feed(scope, items, locale, now):
    """The feed of ``items`` as iCalendar bytes, in ``locale`` ("id", "en")."""
    domain = uid_domain()
    with in_language(locale):
        calendar = Calendar()
        calendar.add("prodid", PRODUCT_ID)
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        name = feed_name(scope)
        calendar.add("x-wr-calname", name)
        calendar.add("name", name)
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
        lines = _description_lines()
        for item in items:
            calendar.add_component(_event(item, domain, lines, now))
    return calendar.to_ical()
