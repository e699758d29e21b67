"""Importing rencana aksi sheets (.xlsx, .csv) into a pokja: page, API and command."""


def init_app(app):
    """The import pages, ``POST /api/v1/imports``, ``flask rb import`` and the history entry."""
    from pathlib import Path

    from rbtasks.api.routing import add_api_routes
    from rbtasks.cli import add_commands
    from rbtasks.imports import activity, api, cli, routes
    from rbtasks.items.history import add_describers

    if not app.config.get("RBTASKS_IMPORT_DIR"):
        app.config["RBTASKS_IMPORT_DIR"] = str(Path(app.instance_path) / "imports")
    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    add_commands(app, cli.import_command)
    add_describers(app, activity.DESCRIBERS, activity.NOTES)
