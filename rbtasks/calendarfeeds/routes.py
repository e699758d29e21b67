"""The feeds calendar apps fetch, and the profile's calendar-link section.

The feeds need no session: the token in the address authenticates (an
unknown or retired one answers 404, like a feed the token's user may not
follow). Calendar services fetch from a few shared addresses (Google's,
Microsoft's), so the rate limit counts per token, not per client address.
"""
from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from rbtasks.calendarfeeds import services
from rbtasks.calendarfeeds.ical import CONTENT_TYPE, render_feed
from rbtasks.calendarfeeds.tokens import (
    existing_feed_token, reset_feed_token, token_digest, user_for_feed_token,
)
from rbtasks.calendarfeeds.urls import feed_links
from rbtasks.extensions import db, limiter
from rbtasks.timeutil import utc_now

bp = Blueprint("calendarfeeds", __name__)


def _feed_limit():
    return current_app.config["RBTASKS_CALENDAR_FEED_RATE_LIMIT"]


def _per_token():
    return "calendar-feed:" + token_digest(request.view_args.get("token", ""))


def _feed(token, scope_for):
    user = user_for_feed_token(token)
    if user is None:
        abort(404)
    now = utc_now()
    scope = scope_for(user)
    body = render_feed(scope, services.feed_items(user, scope, now), user.locale, now)
    response = current_app.response_class(body, content_type=CONTENT_TYPE)
    # The address is a credential: no shared cache may keep the answer.
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/calendar/<token>/mine.ics")
@limiter.limit(_feed_limit, key_func=_per_token)
def mine_feed(token):
    return _feed(token, lambda user: services.FeedScope(services.MINE))


@bp.route("/calendar/<token>/pokja/<int:pokja_id>.ics")
@limiter.limit(_feed_limit, key_func=_per_token)
def pokja_feed(token, pokja_id):
    return _feed(token, lambda user: services.pokja_scope(user, pokja_id))


@bp.route("/calendar/<token>/agency/<int:agency_id>.ics")
@limiter.limit(_feed_limit, key_func=_per_token)
def agency_feed(token, agency_id):
    return _feed(token, lambda user: services.agency_scope(user, agency_id))


@bp.route("/profile/calendar-feed/reset", methods=["POST"])
@login_required
def reset_feed():
    had_link = existing_feed_token(current_user) is not None
    reset_feed_token(current_user, utc_now())
    db.session.commit()
    if had_link:
        flash(_("Your calendar links have been made anew. The old links no longer work: "
                "subscribe again with the new ones."), "success")
    else:
        flash(_("Your calendar links are ready. Add one to your calendar app."), "success")
    return redirect(url_for("accounts.profile", _anchor="calendar-feeds"))


def profile_section(user, now):
    """The profile's calendar section: the user's feed links, if they have a token."""
    token = existing_feed_token(user)
    if token is None:
        return {"links": []}
    return {"links": feed_links(token, services.followed_scopes(user))}
