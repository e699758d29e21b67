"""Accounts: signing in and out, passwords, profiles, API tokens, user admin."""


def init_app(app):
    """Sign-in, the account pages and API, token authentication, user commands."""
    # admin and profile add their views to routes.bp
    from rbtasks.accounts import admin, api, cli, profile, routes  # noqa: F401
    from rbtasks.accounts.passwords import KIND as RESET_EMAIL
    from rbtasks.accounts.session import init_login
    from rbtasks.accounts.tokens import user_for_token
    from rbtasks.api import set_token_authenticator
    from rbtasks.api.routing import add_api_routes
    from rbtasks.cli import add_commands
    from rbtasks.outbox.services import erase_once_sent
    from rbtasks.roles import ROLE_LABELS

    init_login(app)
    app.register_blueprint(routes.bp)
    add_api_routes(app, api.routes, api.OPENAPI_PATHS)
    set_token_authenticator(app, user_for_token)
    erase_once_sent(app, RESET_EMAIL)  # the link is a key to the account
    add_commands(app, cli.create_user_command, cli.token_command)
    app.context_processor(lambda: {"ROLE_LABELS": ROLE_LABELS})
