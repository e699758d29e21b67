"""Configuration classes.

``create_app()`` picks one by the ``RBTASKS_CONFIG`` environment variable
(``development``, ``production``, ``testing``); tests pass a class directly.
Secrets and URLs always come from the environment.
"""
import os
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = ROOT / "instance"
MIN_DELIVERY_LEASE_SECONDS = 10


def _env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'rbtasks.sqlite3'}"
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    RBTASKS_TIMEZONE = os.environ.get("RBTASKS_TIMEZONE", "Asia/Makassar")
    RBTASKS_BASE_URL = os.environ.get("RBTASKS_BASE_URL", "http://127.0.0.1:5000")
    RBTASKS_SCHEDULER = os.environ.get("RBTASKS_SCHEDULER", "")
    RBTASKS_PASSWORD_RESET_MAX_AGE = timedelta(
        minutes=_env_int("RBTASKS_PASSWORD_RESET_MINUTES", 60)
    )
    RBTASKS_LOGIN_RATE_LIMIT = os.environ.get("RBTASKS_LOGIN_RATE_LIMIT", "10 per minute")
    # Fetches of one calendar feed address (apps poll every hour or so).
    RBTASKS_CALENDAR_FEED_RATE_LIMIT = os.environ.get("RBTASKS_CALENDAR_FEED_RATE_LIMIT",
                                                      "60 per hour")
    RBTASKS_ITEMS_PER_PAGE = 25
    # The most items a reminder email lists per group; the rest are linked.
    RBTASKS_REMINDER_ENTRIES_PER_GROUP = _env_int("RBTASKS_REMINDER_ENTRIES_PER_GROUP", 50)
    # How many reverse proxies (nginx, a load balancer) stand in front of the app.
    RBTASKS_PROXY_COUNT = _env_int("RBTASKS_PROXY_COUNT", 0)

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS")
    MAIL_USE_SSL = _env_bool("MAIL_USE_SSL")
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "rbtasks <rbtasks@localhost>")
    MAIL_TIMEOUT = _env_int("MAIL_TIMEOUT", 30)
    # Delivery claims this many due emails at a time and sends them over one
    # connection; a claim lasts the lease and is renewed while the batch goes
    # on, so a delivery process that dies holds its emails for one lease at most.
    RBTASKS_DELIVERY_BATCH_SIZE = _env_int("RBTASKS_DELIVERY_BATCH_SIZE", 20)
    RBTASKS_DELIVERY_LEASE_SECONDS = _env_int("RBTASKS_DELIVERY_LEASE_SECONDS", 40)
    # A person's event notices within this many minutes go out as one email.
    RBTASKS_NOTICE_WINDOW_MINUTES = _env_int("RBTASKS_NOTICE_WINDOW_MINUTES", 10)

    # WhatsApp, the second channel (rbtasks/outbox/whatsapp.py): "cloud" (the
    # WhatsApp Business Cloud API), "gateway" (an HTTP gateway taking target and
    # message) or empty (nothing sent: the messages are held, the log shows them).
    RBTASKS_WHATSAPP_PROVIDER = os.environ.get("RBTASKS_WHATSAPP_PROVIDER", "").strip().lower()
    RBTASKS_WHATSAPP_URL = os.environ.get("RBTASKS_WHATSAPP_URL", "").strip()
    RBTASKS_WHATSAPP_TOKEN = os.environ.get("RBTASKS_WHATSAPP_TOKEN", "")
    RBTASKS_WHATSAPP_PHONE_NUMBER_ID = os.environ.get("RBTASKS_WHATSAPP_PHONE_NUMBER_ID",
                                                      "").strip()
    # The Cloud API's approved template, "name:language".
    RBTASKS_WHATSAPP_TEMPLATE = os.environ.get("RBTASKS_WHATSAPP_TEMPLATE",
                                               "rbtasks_notice:id").strip()
    RBTASKS_WHATSAPP_TIMEOUT = _env_int("RBTASKS_WHATSAPP_TIMEOUT", 15)
    # No WhatsApp message goes out in these local hours (RBTASKS_TIMEZONE).
    RBTASKS_WHATSAPP_QUIET_HOURS = os.environ.get("RBTASKS_WHATSAPP_QUIET_HOURS",
                                                  "21:00-06:00").strip()

    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = RBTASKS_TIMEZONE
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "rbtasks" / "translations")

    # Cached answers (the dashboard's numbers and charts) are keyed by the data
    # version, so they are never stale: each web process keeps its own by
    # default; with RBTASKS_CACHE_REDIS_URL every process shares one Redis
    # (needs the `redis` package: pip install 'rbtasks[redis]').
    CACHE_REDIS_URL = os.environ.get("RBTASKS_CACHE_REDIS_URL", "")
    CACHE_TYPE = "RedisCache" if CACHE_REDIS_URL else "SimpleCache"
    CACHE_DEFAULT_TIMEOUT = _env_int("RBTASKS_CACHE_SECONDS", 3600)
    CACHE_THRESHOLD = 500  # entries per process (SimpleCache)
    CACHE_KEY_PREFIX = "rbtasks:"

    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    MAX_CONTENT_LENGTH = _env_int("RBTASKS_MAX_REQUEST_BYTES", 12 * 1024 * 1024)
    # Evidence uploads: the largest file accepted (below MAX_CONTENT_LENGTH, so
    # an oversized file gets a clear message rather than a bare 413), and where
    # files are kept (empty: the instance folder's "evidence" directory).
    RBTASKS_MAX_UPLOAD_BYTES = _env_int("RBTASKS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
    RBTASKS_EVIDENCE_DIR = os.environ.get("RBTASKS_EVIDENCE_DIR", "")
    # Imported sheets: the largest file read, and where the import page keeps an
    # upload between its steps (empty: the instance folder's "imports" directory).
    RBTASKS_IMPORT_MAX_BYTES = _env_int("RBTASKS_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
    RBTASKS_IMPORT_DIR = os.environ.get("RBTASKS_IMPORT_DIR", "")
    WTF_CSRF_TIME_LIMIT = None  # tied to the session, which already expires

    @classmethod
    def check(cls, app_config):
        """Refuse configurations that must not run; called by create_app."""
        from rbtasks.mail.addresses import parse_mailbox

        try:
            parse_mailbox(app_config.get("MAIL_DEFAULT_SENDER"))
        except ValueError as error:
            raise RuntimeError(
                "MAIL_DEFAULT_SENDER must be one address, with a display name in double "
                "quotes when it holds a comma or a full stop, e.g. "
                "'\"Biro Organisasi, Setda NTT\" <rbtasks@nttprov.go.id>'") from error
        if app_config.get("CACHE_TYPE") == "RedisCache":
            try:
                import redis  # noqa: F401
            except ImportError as error:
                raise RuntimeError("RBTASKS_CACHE_REDIS_URL needs the redis package "
                                   "(pip install 'rbtasks[redis]').") from error
        if app_config["RBTASKS_DELIVERY_BATCH_SIZE"] < 1:
            raise RuntimeError("RBTASKS_DELIVERY_BATCH_SIZE must be at least 1.")
        if not 0 <= app_config.get("RBTASKS_NOTICE_WINDOW_MINUTES", 10) <= 24 * 60:
            raise RuntimeError("RBTASKS_NOTICE_WINDOW_MINUTES must be from 0 to 1440.")
        if app_config["RBTASKS_DELIVERY_LEASE_SECONDS"] < MIN_DELIVERY_LEASE_SECONDS:
            raise RuntimeError(
                f"RBTASKS_DELIVERY_LEASE_SECONDS must be at least {MIN_DELIVERY_LEASE_SECONDS}: "
                "each email must be offered and its outcome recorded within the lease.")
        _check_whatsapp(app_config)


def _check_whatsapp(app_config):
    from rbtasks.outbox.whatsapp.settings import WhatsAppSettings

    try:
        WhatsAppSettings.from_config(app_config)
    except ValueError as error:
        raise RuntimeError(str(error)) from error


class DevelopmentConfig(Config):
    # The demo runs on plain http://127.0.0.1, where a Secure cookie is never sent back.
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"


class ProductionConfig(Config):
    @classmethod
    def check(cls, app_config):
        super().check(app_config)
        key = app_config.get("SECRET_KEY") or ""
        if len(key) < 16 or key.startswith("dev-"):
            raise RuntimeError(
                "SECRET_KEY must be set to a long random value in production "
                "(e.g. python -c 'import secrets; print(secrets.token_hex(32))')."
            )
        if app_config.get("RBTASKS_WHATSAPP_PROVIDER"):
            missing = [name for name in ("RBTASKS_WHATSAPP_URL", "RBTASKS_WHATSAPP_TOKEN")
                       if not app_config.get(name)]
            if app_config["RBTASKS_WHATSAPP_PROVIDER"] == "cloud" and not app_config.get(
                    "RBTASKS_WHATSAPP_PHONE_NUMBER_ID"):
                missing.append("RBTASKS_WHATSAPP_PHONE_NUMBER_ID")
            if missing:
                raise RuntimeError(
                    "RBTASKS_WHATSAPP_PROVIDER is set, so WhatsApp needs "
                    + ", ".join(missing) + " too.")


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-not-for-production"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    WTF_CSRF_ENABLED = True
    MAIL_SERVER = ""
    MAIL_DEFAULT_SENDER = "rbtasks <rbtasks@test.go.id>"
    RBTASKS_BASE_URL = "http://rbtasks.test"
    RATELIMIT_ENABLED = True
    RBTASKS_LOGIN_RATE_LIMIT = "5 per minute"
    # Tests read messages in English, the msgids' language; tests about
    # language (tests/test_translations.py, the browser tests) ask for Indonesian.
    BABEL_DEFAULT_LOCALE = "en"
    RBTASKS_SCHEDULER = ""  # never a scheduler inside the test app


CONFIGS = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestConfig,
}


def config_from_env():
    name = os.environ.get("RBTASKS_CONFIG", "production")
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"RBTASKS_CONFIG must be one of {sorted(CONFIGS)}, not {name!r}")
