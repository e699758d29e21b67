"""Language and time-zone selection, and the date filters templates use.

Indonesian is the default; a signed-in user's own choice wins. Dates are
written the way people write them ("3 Nov 2026"), times in the province's
zone (WITA by default).
"""
from datetime import date
from functools import lru_cache

from babel.dates import format_date as babel_format_date, format_datetime
from flask import current_app, g, request, session
from flask_babel import format_date, get_locale, get_timezone
from flask_login import current_user

# The interface's languages, each named in itself; the first is the default.
LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
LANGUAGE_CODES = tuple(LANGUAGES)
LANGUAGE_CHOICES = list(LANGUAGES.items())


def select_locale():
    languages = LANGUAGES
    user = getattr(g, "api_user", None)
    if user is None and current_user and current_user.is_authenticated:
        user = current_user
    if user is not None and user.locale in languages:
        return user.locale
    chosen = session.get("lang") if request else None
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def formatting_locale(locale):
    """The Babel locale to write dates and times in for a user's language.

    The zone's short name ("WITA") is part of the Indonesian locale data;
    English as used in Indonesia (en_ID) has it too, where plain "en" would
    write "+0800". Translations still come from the language's catalogue.
    """
    return "en_ID" if locale == "en" else (locale or "id")


def select_timezone():
    return current_app.config["RBTASKS_TIMEZONE"]


def short_date(value):
    """3 Nov 2026"""
    return _date_text(value, "d MMM y")


def long_date(value):
    """Senin, 3 November 2026"""
    return _date_text(value, "EEEE, d MMMM y")


def _date_text(value, pattern):
    if not value:
        return ""
    if type(value) is date:  # a calendar date: no zone, so the text depends on the locale only
        return _remembered_date_text(value, pattern, str(get_locale()))
    return format_date(value, pattern)


@lru_cache(maxsize=8192)
def _remembered_date_text(value, pattern, locale):
    """A list writes the same few due dates again and again; Babel's formatting is slow."""
    return babel_format_date(value, pattern, locale=locale)


def numeric_date(value):
    """31/12/2026 — how date fields show a date (rbtasks/webforms.py)."""
    return value.strftime("%d/%m/%Y") if value else ""


def local_datetime(value):
    """3 Nov 2026 14.05 WITA — in the province's zone.

    English is written with Indonesia's conventions (en_ID), so the zone
    reads "WITA" rather than "+0800", as in the emails.
    """
    if not value:
        return ""
    locale = get_locale()
    return format_datetime(value, "d MMM y HH:mm zzz", tzinfo=get_timezone(),
                           locale=formatting_locale(locale.language if locale else None))


def init_app(app):
    """Language and zone selection, and the date and money filters every template uses."""
    from rbtasks.extensions import babel
    from rbtasks.numbers import format_rupiah

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.jinja_env.filters["short_date"] = short_date
    app.jinja_env.filters["long_date"] = long_date
    app.jinja_env.filters["numeric_date"] = numeric_date
    app.jinja_env.filters["local_datetime"] = local_datetime
    app.jinja_env.filters["rupiah"] = format_rupiah
    app.context_processor(lambda: {"get_locale": get_locale})
