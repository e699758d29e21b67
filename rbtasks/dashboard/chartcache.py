"""Charts drawn once for the same numbers: the dashboard's chart images and
the digest's inline chart come from here.

Each function keys the drawing by exactly what it reads (see
rbtasks.dashboard.charts), the language (titles and legends are translated)
and the format, so a chart is drawn again only when one of those changes,
whoever asks and in whichever worker the cache is shared with.
"""
from flask_babel import get_locale

from rbtasks.dashboard import charts
from rbtasks.dashboard.cache import cached_by_content
from rbtasks.items.constants import STATUSES


def _language():
    return str(get_locale())


def status_per_pokja(summary, format="png"):
    drawn_from = tuple((row.name, row.items, row.overdue,
                        tuple(row.statuses.get(status, 0) for status in STATUSES))
                       for row in summary.pokjas)
    return cached_by_content(
        "chart-status-per-pokja", (format, _language(), drawn_from),
        lambda: charts.status_per_pokja_png(summary, format=format))


def overdue_per_week(history, format="png"):
    drawn_from = tuple(charts.week_points(history))
    return cached_by_content(
        "chart-overdue-per-week", (format, _language(), drawn_from),
        lambda: charts.overdue_per_week_png(history, format=format))


def index_by_year(scores, format="png"):
    drawn_from = tuple(sorted((record.year, record.score, record.target) for record in scores))
    return cached_by_content(
        "chart-index-by-year", (format, _language(), drawn_from),
        lambda: charts.index_by_year_png(scores, format=format))
