"""Event notices: telling people, once, what happened to their items.

The services where things happen call ``notify`` (rbtasks/notices/services.py)
in the transaction of the change; each person's notices go out grouped as
one email once the window has passed (rbtasks/notices/grouping.py, run
before every delivery), and the bell, the notices page and
``/api/v1/notifications/mine`` list them.
"""


def init_app(app):
    """The notices page and API, the bell, the profile's choices, the item
    panel's rows, and the grouping before every delivery."""
    from rbtasks.accounts.sections import add_profile_section
    from rbtasks.api.routing import add_api_routes
    from rbtasks.notices import api, grouping, panel, routes
    from rbtasks.outbox.panel import add_item_notifications
    from rbtasks.outbox.planners import add_delivery_planner

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_profile_section(app, "notices", routes.profile_section, "notices/_profile.html")
    add_item_notifications(app, panel.panel_rows)
    add_delivery_planner(app, "notices", grouping.plan_notice_emails)
    # A callable, so only pages that draw the navigation pay for the count.
    app.context_processor(lambda: {"unread_notice_count": routes.bell})
