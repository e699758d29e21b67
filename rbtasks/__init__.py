"""rbtasks: workflow and task tracking for Reformasi Birokrasi action plans."""
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config=None):
    """Build the application from a config class (default: from the environment)."""
    from config import config_from_env

    config = config or config_from_env()
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config)
    config.check(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    register_proxy_fix(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_security_headers(app)
    register_template_helpers(app)
    register_commands(app)
    register_scheduler(app)
    return app


def register_proxy_fix(app):
    """Behind N reverse proxies, trust their X-Forwarded-* headers (client
    address for the login rate limit, https for secure cookies)."""
    hops = app.config.get("RBTASKS_PROXY_COUNT", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app):
    from rbtasks import models  # noqa: F401  (the whole schema, for Alembic)
    from rbtasks.accounts.session import init_login
    from rbtasks.extensions import babel, csrf, db, limiter, mail, migrate
    from rbtasks.i18n import select_locale, select_timezone

    _tune_engine_options(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    init_login(app)


def _tune_engine_options(app):
    """Same read semantics on every server: READ COMMITTED, as PostgreSQL's default.

    MariaDB defaults to REPEATABLE READ, where a long transaction keeps
    reading an old snapshot; the scheduler and the web process must both
    see each other's committed rows.
    """
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    options = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})
    if uri.startswith("mysql"):
        options.setdefault("isolation_level", "READ COMMITTED")
        options.setdefault("pool_recycle", 3600)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


def register_blueprints(app):
    from rbtasks import accounts, deadlines, evidence, items, organisation, realisation, workflow
    from rbtasks import dashboard, outbox, rbindex, settings
    from rbtasks.api import register_api

    for feature in (accounts, organisation, items, workflow, evidence, realisation, deadlines,
                    settings, outbox, dashboard, rbindex):
        app.register_blueprint(feature.bp)
    register_api(app)


def register_error_handlers(app):
    from rbtasks.http_errors import init_error_handlers

    init_error_handlers(app)


def register_security_headers(app):
    from rbtasks.http_errors import add_security_headers

    app.after_request(add_security_headers)


def register_template_helpers(app):
    from rbtasks.i18n import init_template_helpers

    init_template_helpers(app)


def register_commands(app):
    from rbtasks.cli import rb

    app.cli.add_command(rb)


def register_scheduler(app):
    from rbtasks.scheduler import init_scheduler

    init_scheduler(app)
