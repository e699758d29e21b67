"""The self-assessment of RB (PMPRB): instruments as data, assessments,
answers, scores, gaps and the worksheet export."""


def init_app(app):
    """Instrument pages, ``/api/v1/pmprb/instruments`` and ``flask rb pmprb``;
    assessment pages, ``/api/v1/pmprb/assessments``, evidence on answers, and
    the item page's "PMPRB follow-up" panel."""
    from rbtasks.api.routing import add_api_routes
    from rbtasks.cli import add_commands
    from rbtasks.evidence.holders import add_holder
    from rbtasks.items.panels import add_item_panel
    from rbtasks.pmprb import assessment_api, assessment_routes, cli, instrument_api
    from rbtasks.pmprb import instrument_routes
    from rbtasks.pmprb.answerholder import ANSWER_HOLDER
    from rbtasks.pmprb.gap_panel import gap_panel

    app.register_blueprint(instrument_routes.bp)
    add_api_routes(app, instrument_api.routes, instrument_api.OPENAPI_PATHS)
    add_commands(app, cli.pmprb_group)

    app.register_blueprint(assessment_routes.bp)
    add_api_routes(app, assessment_api.routes, assessment_api.OPENAPI_PATHS)
    add_holder(app, ANSWER_HOLDER)
    add_item_panel(app, "pmprb_gap", gap_panel, "pmprb/_item_gap_panel.html")
