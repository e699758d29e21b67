"""Calendar feeds: deadlines as iCalendar for the calendar apps people use.

Each user has one secret, revocable token (see ``tokens.py``); the feeds
(their own items, and the pokja and agencies they may follow) are served at
addresses carrying it, and the profile page shows them.
"""


def init_app(app):
    """The feeds and the reset, the API, the profile section."""
    from rbtasks.accounts.sections import add_profile_section
    from rbtasks.api.routing import add_api_routes
    from rbtasks.calendarfeeds import api, routes

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_profile_section(app, "calendar", routes.profile_section, "calendarfeeds/_profile.html")
