"""Charts drawn on the server (matplotlib, Agg, no network): status per pokja,
overdue items per week and the RB index by year with its grade bands.

Each ``*_png`` function returns image bytes, PNG by default or SVG with
``format="svg"``; each ``*_alt`` function returns the text that stands in for
the chart (``alt`` on the page, the digest's plain-text part). Only the
object API (``matplotlib.figure.Figure``) is used, never pyplot's global
state, so charts can be drawn in parallel request threads.
"""
import io
import textwrap

import matplotlib

matplotlib.use("Agg")

from flask_babel import gettext as _  # noqa: E402
from flask_babel import ngettext  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from rbtasks.dashboard.formatting import number, week_label  # noqa: E402
from rbtasks.items.constants import (  # noqa: E402
    BLOCKED,
    CANCELLED,
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    STATUS_LABELS,
    SUBMITTED,
)
from rbtasks.rbindex.grades import GRADE_BANDS, grade_for  # noqa: E402

FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
DPI = 120
WIDTH = 6.4  # inches: 768 px wide at 120 dpi, about the width it is shown at
INK, MUTED, DANGER, BRAND = "#1d2733", "#5b6b7c", "#b42318", "#0b5394"
# Finished work first, so the bars read left to right as "how far along".
STACK = (
    (DONE, "#067647"), (SUBMITTED, "#f79009"), (IN_PROGRESS, "#0b5394"),
    (NOT_STARTED, "#98a2b3"), (BLOCKED, "#b42318"), (CANCELLED, "#e4e7ec"),
)
BAND_COLOURS = {"AA": "#c9ecd7", "A": "#d8f1e0", "BB": "#e7f5dc", "B": "#f4f7d6",
                "CC": "#fdf3d0", "C": "#fde6d0", "D": "#fbdad7"}


def _figure(height):
    figure = Figure(figsize=(WIDTH, height), dpi=DPI, layout="constrained")
    figure.patch.set_facecolor("white")
    return figure


def _render(figure, format):
    if format not in FORMATS:
        raise ValueError(f"format must be one of {sorted(FORMATS)}")
    buffer = io.BytesIO()
    # No timestamps or version strings: the same data draws the same bytes.
    metadata = {"Software": None} if format == "png" else {"Date": None, "Creator": None}
    figure.savefig(buffer, format=format, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


def _empty(axes, message):
    axes.set_axis_off()
    axes.text(0.5, 0.5, message, ha="center", va="center", color=MUTED, fontsize=12,
              transform=axes.transAxes)


def _tidy(axes):
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=10)


# ---- status per pokja ------------------------------------------------------

def status_per_pokja_png(summary, format="png"):
    """Stacked horizontal bars: each pokja's items by status, overdue noted."""
    rows = summary.pokjas
    figure = _figure(min(12.0, max(3.0, 1.4 + 0.6 * len(rows))))
    axes = figure.add_subplot()
    axes.set_title(_("Action items per pokja by status"), loc="left", color=INK, fontsize=12)
    if not rows:
        _empty(axes, _("No action items in this selection."))
        return _render(figure, format)
    positions = list(range(len(rows)))[::-1]  # the first pokja on top
    left = [0] * len(rows)
    drawn = 0
    for status, colour in STACK:
        widths = [row.statuses.get(status, 0) for row in rows]
        if any(widths):
            axes.barh(positions, widths, left=left, color=colour, height=0.6,
                      label=str(STATUS_LABELS[status]), edgecolor="white", linewidth=0.5)
            left = [a + b for a, b in zip(left, widths)]
            drawn += 1
    widest = max(left) or 1
    for position, row in zip(positions, rows):
        note = str(row.items)
        if row.overdue:
            note += " · " + ngettext("%(num)d overdue", "%(num)d overdue", row.overdue)
        axes.text(row.items + widest * 0.015, position, note, va="center", fontsize=9.5,
                  color=DANGER if row.overdue else INK)
    axes.set_yticks(positions, [textwrap.fill(row.name, 24) for row in rows])
    axes.set_xlim(0, widest * 1.4)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(_("Action items"), color=MUTED, fontsize=9)
    _tidy(axes)
    figure.legend(loc="outside lower center", ncols=min(3, max(1, drawn)), frameon=False,
                  fontsize=9)
    return _render(figure, format)


def status_per_pokja_alt(summary):
    if not summary.pokjas:
        return _("Action items per pokja by status: no action items in this selection.")
    parts = [_("%(pokja)s: %(items)d items, %(done)d done, %(overdue)d overdue",
               pokja=row.name, items=row.items, done=row.done, overdue=row.overdue)
             for row in summary.pokjas]
    return _("Action items per pokja by status: %(rows)s.", rows="; ".join(parts))


# ---- overdue items per week ------------------------------------------------

def week_points(snapshots):
    """(week_start, overdue) pairs from WeeklySnapshot rows, WeekPoints or
    (week_start, row) pairs (as rbtasks.snapshots gives them)."""
    points = []
    for entry in snapshots:
        if isinstance(entry, tuple) and len(entry) == 2 and hasattr(entry[1], "overdue"):
            entry = entry[1]
        points.append((entry.week_start, int(entry.overdue)))
    return sorted(points)


def overdue_per_week_png(snapshots, format="png"):
    """Bars of the overdue items each week, from the weekly snapshots."""
    points = week_points(snapshots)
    figure = _figure(3.8)
    axes = figure.add_subplot()
    axes.set_title(_("Overdue action items per week"), loc="left", color=INK, fontsize=12)
    if not points:
        _empty(axes, _("No weekly snapshots for this selection yet."))
        return _render(figure, format)
    positions = list(range(len(points)))
    values = [overdue for _week, overdue in points]
    axes.bar(positions, values, color=DANGER, width=0.6)
    for position, value in zip(positions, values):
        axes.text(position, value, str(value), ha="center", va="bottom", fontsize=9, color=INK)
    axes.set_xticks(positions, [week_label(week) for week, _value in points])
    axes.set_ylim(0, max(values) * 1.2 + 1)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlabel(_("Week starting"), color=MUTED, fontsize=9)
    _tidy(axes)
    return _render(figure, format)


def overdue_per_week_alt(snapshots):
    points = week_points(snapshots)
    if not points:
        return _("Overdue action items per week: no weekly snapshots yet.")
    weeks = ", ".join(f"{week_label(week)}: {value}" for week, value in points)
    return _("Overdue action items per week: %(weeks)s.", weeks=weeks)


# ---- RB index by year ------------------------------------------------------

def index_by_year_png(scores, format="png"):
    """The index per year over the shaded grade bands, with the target line."""
    scores = sorted(scores, key=lambda record: record.year)
    figure = _figure(4.4)
    axes = figure.add_subplot()
    axes.set_title(_("RB index by year"), loc="left", color=INK, fontsize=12)
    if not scores:
        _empty(axes, _("No RB index recorded yet."))
        return _render(figure, format)
    first, last = scores[0].year, scores[-1].year
    axes.set_xlim(first - 0.6, last + 0.6)
    axes.set_ylim(0, 100)
    for band in GRADE_BANDS:
        axes.axhspan(float(band.floor), float(band.ceiling), color=BAND_COLOURS[band.grade],
                     zorder=0, linewidth=0)
        axes.text(1.01, float(band.floor + band.ceiling) / 2, band.grade, va="center",
                  ha="left", fontsize=9, color=MUTED, transform=axes.get_yaxis_transform())
    measured = [record for record in scores if record.score is not None]
    if measured:
        years = [record.year for record in measured]
        values = [float(record.score) for record in measured]
        axes.plot(years, values, color=BRAND, marker="o", linewidth=2, zorder=3,
                  label=_("RB index"))
        for record in measured:
            axes.annotate(f"{number(record.score)} ({grade_for(record.score)})",
                          (record.year, float(record.score)), textcoords="offset points",
                          xytext=(0, 8), ha="center", fontsize=9, color=INK, zorder=4)
    targets = [record for record in scores if record.target is not None]
    if targets:
        latest = targets[-1]
        axes.axhline(float(latest.target), color=DANGER, linestyle="--", linewidth=1.2,
                     zorder=2, label=_("Target %(year)d: %(value)s", year=latest.year,
                                       value=number(latest.target)))
        axes.plot([record.year for record in targets],
                  [float(record.target) for record in targets], linestyle="none",
                  marker="D", color=DANGER, zorder=3)
    axes.set_yticks([0, 30, 50, 60, 70, 80, 90, 100])
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="lower right", fontsize=8, frameon=True)
    _tidy(axes)
    return _render(figure, format)


def index_by_year_alt(scores):
    scores = sorted(scores, key=lambda record: record.year)
    if not scores:
        return _("RB index by year: nothing recorded yet.")
    parts = []
    for record in scores:
        if record.score is not None:
            parts.append(_("%(year)d: %(score)s (%(grade)s)", year=record.year,
                           score=number(record.score), grade=grade_for(record.score)))
        if record.target is not None:
            parts.append(_("target %(year)d: %(target)s", year=record.year,
                           target=number(record.target)))
    return _("RB index by year: %(values)s.", values="; ".join(parts))
