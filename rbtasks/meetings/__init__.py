"""Monev meetings (rapat monev): the record, decisions that become action
items, their follow-up rate, evidence, the pages and the API; the minutes
(notulen) are the subpackage ``minutes``."""


def init_app(app):
    """The meeting pages, ``/api/v1/meetings``, the meeting as an evidence
    holder, the item page's "follows up a decision" panel, and the minutes."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.evidence.holders import add_holder
    from rbtasks.items.panels import add_item_panel
    from rbtasks.meetings import api, minutes, panel, routes
    from rbtasks.meetings.meetingholder import MEETING_HOLDER

    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_holder(app, MEETING_HOLDER)
    add_item_panel(app, "meeting", panel.item_panel, "meetings/_item_panel.html")
    minutes.init_app(app)
