"""Settings: the reminder policy and the working-day calendar, for admins."""


def init_app(app):
    """The settings page."""
    from rbtasks.settings import routes

    app.register_blueprint(routes.bp)
