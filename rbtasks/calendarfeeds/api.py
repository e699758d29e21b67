"""JSON endpoints for the token's user's calendar feed addresses.

Each handler calls the same token functions as the profile page, commits
and answers.
"""
from flask import jsonify

from rbtasks.api.helpers import api_user
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation, ref
from rbtasks.calendarfeeds.schemas import CalendarFeedOut
from rbtasks.calendarfeeds.services import followed_scopes
from rbtasks.calendarfeeds.tokens import feed_token, reset_feed_token
from rbtasks.calendarfeeds.urls import feed_links
from rbtasks.extensions import db
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


def _answer(token):
    links = feed_links(token, followed_scopes(api_user()))
    db.session.commit()
    return jsonify(CalendarFeedOut.dump(links))


@routes.get("/calendar-feed")
def get_calendar_feed():
    return _answer(feed_token(api_user(), utc_now()))


@routes.post("/calendar-feed/reset")
def reset_calendar_feed():
    return _answer(reset_feed_token(api_user(), utc_now()))


OPENAPI_PATHS = {
    "/calendar-feed": {
        "get": operation(
            "The addresses of the user's calendar feeds (iCalendar, no sign-in: the address "
            "is the credential); made on first use", "calendar",
            {200: ref(CalendarFeedOut)}, errors=(401,)),
    },
    "/calendar-feed/reset": {
        "post": operation(
            "New addresses for the user's calendar feeds; the old ones answer 404",
            "calendar", {200: ref(CalendarFeedOut)}, errors=(401,)),
    },
}
