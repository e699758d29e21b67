"""Putting a digest into words: subject, plain-text and HTML parts, and the
inline chart, in the recipient's language with dates in the province's zone.

Rendered by rbtasks.mail from templates/email/digest.txt and digest.html.
The chart is the dashboard's "items per pokja by status"
(rbtasks.dashboard.charts), attached inline and referenced from the HTML as
``<img src="cid:…">``.
"""
import uuid

from flask_babel import format_date, gettext as _, lazy_gettext as _l, ngettext

from rbtasks import mail
from rbtasks.dashboard import chartcache
from rbtasks.dashboard.charts import status_per_pokja_alt
from rbtasks.dashboard.formatting import number
from rbtasks.items.constants import BLOCKED, DONE, IN_PROGRESS, STATUS_LABELS, SUBMITTED
from rbtasks.rbindex.grades import grade_for
from rbtasks.timeutil import province_zone

LIST_LIMIT = 20    # rows per "last week" list; the rest is counted
AGENCY_LIMIT = 10

HEADLINE_LABELS = {
    "total": _l("Action items"),
    DONE: STATUS_LABELS[DONE],
    IN_PROGRESS: STATUS_LABELS[IN_PROGRESS],
    SUBMITTED: _l("Waiting for verification"),
    "overdue": _l("Overdue"),
    BLOCKED: STATUS_LABELS[BLOCKED],
}


class DigestRenderer:
    """Renders planned digests; the chart and the numbers are worked out once
    per scope and language, however many recipients share them, and the chart
    is drawn once for the same numbers (the dashboard's cache)."""

    def __init__(self):
        self._shared = {}

    def render(self, planned, content):
        """Render ``planned``'s email, with its inline chart (``planned.rendered``)."""
        with mail.in_language(planned.locale) as locale:
            png, alt, view = self._for_scope(content, locale)
            content_id = f"pokja-progress.{uuid.uuid4().hex}@rbtasks"
            chart = mail.Attachment(filename="pokja-progress.png", content_type="image/png",
                                    content_id=content_id, data=png)
            subject = _(
                "[RB] Weekly summary %(date)s — %(overdue)d overdue, %(done)d done last week",
                date=format_date(content.today, "d MMM y"), overdue=content.overdue,
                done=content.completed_last_week)
            planned.rendered = mail.render(
                "digest", planned.locale, subject=subject, attachments=[chart],
                name=planned.name, chart_cid=content_id, chart_alt=alt, **view)
        return planned

    def _for_scope(self, content, locale):
        key = (id(content), locale)
        if key not in self._shared:
            self._shared[key] = (chartcache.status_per_pokja(content.summary),
                                 status_per_pokja_alt(content.summary), _view(content))
        return self._shared[key]


def _items_url(query, **extra):
    return mail.absolute_url("items.list_items", **query.plus(**extra).args)


def _change(change):
    if change is None:
        return _("no figure for last week")
    signed = ("+" if change > 0 else "±" if change == 0 else "−") + str(abs(change))
    return _("%(change)s since last week", change=signed)


def _day(value):
    return format_date(value, "d MMM y") if value else ""


def _item_row(row, **extra):
    return {"title": row.title, "pokja": row.pokja_name, "agency": row.agency_name,
            "due_date": _day(row.due_date),
            "url": mail.absolute_url("items.show_item", item_id=row.id), **extra}


def _limited(rows, build):
    return {"rows": [build(row) for row in rows[:LIST_LIMIT]],
            "more": max(0, len(rows) - LIST_LIMIT), "count": len(rows)}


def _view(content):
    """The template context for ``content`` in the current locale."""
    summary, zone = content.summary, province_zone()
    queries = summary.queries
    scope = (_("all pokja") if content.pokja_names is None
             else ", ".join(content.pokja_names))
    last_week = content.last_week
    behind = [row for row in summary.agencies if row.overdue][:AGENCY_LIMIT]
    return {
        "scope": scope,
        "today": format_date(content.today, "EEEE, d MMMM y"),
        "week_from": _day(last_week.monday), "week_to": _day(last_week.sunday),
        "deadline_until": _day(summary.deadline_until),
        "dashboard_url": mail.absolute_url("items.home"),
        "headline": [{"label": str(HEADLINE_LABELS[figure.key]), "value": figure.value,
                      "change": _change(figure.change),
                      "url": _items_url(queries[figure.key])}
                     for figure in content.headline],
        "average_progress": number(summary.headline.average_progress, 1),
        "pokjas": [{"name": row.name, "count": row.items, "done": row.done,
                    "overdue": row.overdue, "average_progress": number(row.average_progress, 1),
                    "url": _items_url(row.queries["items"])} for row in summary.pokjas],
        "agencies": [{"name": row.name, "overdue": row.overdue,
                      "most_overdue": ngettext("%(num)d working day", "%(num)d working days",
                                               row.most_overdue_days or 0),
                      "url": _items_url(row.queries["overdue"])}
                     for row in behind],
        "completed": _limited(last_week.completed, lambda row: _item_row(
            row, completed_on=_day(row.completed_at.astimezone(zone).date()))),
        "became_overdue": _limited(last_week.became_overdue, _item_row),
        "escalated": _limited(last_week.escalated, lambda row: _item_row(
            row, level=_("Level %(level)d", level=row.level))),
        "deadlines": {
            "rows": [{"title": item.title, "pokja": item.pokja.name, "agency": item.agency.name,
                      "owner": item.owner.name if item.owner else _("No owner"),
                      "due_date": format_date(item.due_date, "EEE, d MMM y"),
                      "status": str(STATUS_LABELS.get(item.status, item.status)),
                      "url": mail.absolute_url("items.show_item", item_id=item.id)}
                     for item in summary.upcoming],
            "more": summary.upcoming_more, "count": summary.headline.due_soon,
            "url": _items_url(queries["due_soon"]),
        },
        "index": _index_view(content.index_scores),
    }


def _index_view(scores):
    rows = [{"year": record.year, "has_score": record.score is not None,
             "score": number(record.score), "grade": grade_for(record.score) or "—",
             "has_target": record.target is not None, "target": number(record.target),
             "target_grade": grade_for(record.target) or ""}
            for record in scores]
    measured = [record for record in scores if record.score is not None]
    targets = [record for record in scores if record.target is not None]
    verdict = ""
    if measured and targets:
        latest, target = measured[-1], targets[-1]
        gap = target.target - latest.score
        if gap > 0:
            verdict = _("The latest index (%(year)d: %(score)s, %(grade)s) is %(gap)s points "
                        "below the target for %(target_year)d (%(target)s, %(target_grade)s).",
                        year=latest.year, score=number(latest.score),
                        grade=grade_for(latest.score), gap=number(gap),
                        target_year=target.year, target=number(target.target),
                        target_grade=grade_for(target.target))
        else:
            verdict = _("The latest index (%(year)d: %(score)s, %(grade)s) meets the target for "
                        "%(target_year)d (%(target)s, %(target_grade)s).",
                        year=latest.year, score=number(latest.score),
                        grade=grade_for(latest.score), target_year=target.year,
                        target=number(target.target), target_grade=grade_for(target.target))
    return {"rows": rows, "verdict": verdict}
