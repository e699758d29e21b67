"""rbtasks: workflow and task tracking for Reformasi Birokrasi action plans.

:func:`create_app` is the composition root: it reads as the table of
contents of the application. Each feature registers what it brings (pages,
API endpoints, commands, its panel on the item page, its history entries,
template labels) in its own ``init_app(app)``.
"""
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config=None):
    """Build the application from a config class (default: from the environment)."""
    from config import config_from_env
    from rbtasks import (accounts, api, calendarfeeds, dashboard, deadlines, demo, digest,
                         evidence, exports, http_errors, i18n, imports, inbox, inputs, items,
                         meetings, notices, organisation, outbox, pmprb, rbindex, realisation,
                         reminders, reports, scheduler, settings, workflow)

    config = config or config_from_env()
    app = Flask(__name__, template_folder=str(ROOT / "templates"),
                instance_path=str(ROOT / "instance"))
    app.config.from_object(config)
    config.check(app.config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    register_proxy_fix(app)
    register_extensions(app)
    http_errors.init_app(app)        # error pages and JSON errors, security headers
    i18n.init_app(app)               # language, time zone, date filters
    inputs.init_app(app)             # bounded ids, no control characters, URL length

    accounts.init_app(app)           # sign-in, profile, users, API tokens
    organisation.init_app(app)       # areas of change, agencies, pokja
    items.init_app(app)              # action items, comments, history
    workflow.init_app(app)           # status transitions       (item page panels,
    evidence.init_app(app)           # data dukung               in this order)
    realisation.init_app(app)        # quarterly realisation
    deadlines.init_app(app)          # deadline extensions
    settings.init_app(app)           # reminder policy, working-day calendar
    outbox.init_app(app)             # outgoing email and the notification log
    notices.init_app(app)            # event notices: the bell, grouped emails
    reminders.init_app(app)          # the daily sweep
    digest.init_app(app)             # the weekly digest
    dashboard.init_app(app)          # the dashboard and /api/v1/summary
    inbox.init_app(app)              # Perlu tindakan: what waits for each user
    rbindex.init_app(app)            # the RB index by year
    calendarfeeds.init_app(app)      # iCalendar feeds of deadlines
    reports.init_app(app)            # the quarterly monev report
    meetings.init_app(app)           # monev meetings: decisions → items, follow-up, minutes
    imports.init_app(app)            # rencana aksi sheets into a pokja
    exports.init_app(app)            # the item list as .xlsx and .csv
    pmprb.init_app(app)              # PMPRB: instruments, self-assessments, index, gaps
    demo.init_app(app)               # flask rb seed-demo

    api.init_app(app)                # /api/v1, from the endpoints the features declared
    scheduler.init_app(app)          # the jobs the features registered
    return app


def register_proxy_fix(app):
    """Behind N reverse proxies, trust their X-Forwarded-* headers (client
    address for the login rate limit, https for secure cookies)."""
    hops = app.config.get("RBTASKS_PROXY_COUNT", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def register_extensions(app):
    from rbtasks import dataversion
    from rbtasks.extensions import cache, csrf, db, limiter, mail, migrate
    from rbtasks.models import compared_with_models  # and the whole schema, for Alembic

    _tune_engine_options(app)
    db.init_app(app)
    dataversion.install()
    cache.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True,
                     include_object=compared_with_models)
    csrf.init_app(app)
    mail.init_app(app)
    limiter.init_app(app)


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
