"""The dashboard page and its charts (drawn on the server, same filters,
drawn once for the same numbers: rbtasks.dashboard.chartcache)."""
from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user, login_required

from rbtasks.dashboard import chartcache, charts
from rbtasks.dashboard.history import overdue_per_week
from rbtasks.dashboard.scope import filter_options, filters_from_args, resolve_scope
from rbtasks.dashboard.summary import HEADLINE_NUMBERS, summarise
from rbtasks.errors import ValidationError
from rbtasks.inbox.services import PANEL_SIZE, needs_action_page
from rbtasks.rbindex.grades import grade_for
from rbtasks.rbindex.services import list_index_scores
from rbtasks.realisation.services import NUMERALS
from rbtasks.reports.quarterly import current_quarter
from rbtasks.reports.scope import may_read_reports
from rbtasks.timeutil import local_today, utc_now

bp = Blueprint("dashboard", __name__, static_folder="static",
               static_url_path="/dashboard/static")

CHART_CACHE_SECONDS = 300


def _items_url(query):
    return url_for("items.list_items", **query.args)


@bp.route("/dashboard")
@login_required
def show_dashboard():
    now = utc_now()
    pokjas, agencies = filter_options(current_user)
    try:
        pokja_ids, agency_id = filters_from_args(request.args)
        summary = summarise(current_user, now, pokja_ids, agency_id)
    except ValidationError as error:
        summary, errors, pokja_ids, agency_id = None, error.fields, [], None
        history = []
    else:
        errors = {}
        history = overdue_per_week(summary.scope, now)
    filter_args = {"pokja_id": pokja_ids, "agency_id": agency_id}
    scores = list_index_scores(current_user)
    today = local_today(now)
    report_args = None
    if may_read_reports(current_user):
        # The report narrows to one pokja at most; several chosen: the user's whole scope.
        report_args = {"year": today.year, "quarter": current_quarter(today),
                       "pokja_id": pokja_ids[0] if len(pokja_ids) == 1 else None,
                       "agency_id": agency_id}
    return render_template(
        "dashboard/index.html", summary=summary, errors=errors, pokjas=pokjas,
        agencies=agencies, chosen_pokjas=pokja_ids, chosen_agency=agency_id,
        filter_args={name: value for name, value in filter_args.items() if value},
        headline_numbers=HEADLINE_NUMBERS, items_url=_items_url, scores=scores,
        grade_for=grade_for, today=today, charts=charts, history=history,
        inbox=needs_action_page(current_user, now, per_page=PANEL_SIZE), report_args=report_args,
        report_numeral=NUMERALS[current_quarter(today)],
    ), 422 if errors else 200


CHARTS = ("status-per-pokja", "overdue-per-week", "index-by-year")


@bp.route("/dashboard/charts/<name>.<any(png, svg):ext>")
@login_required
def chart(name, ext):
    if name not in CHARTS:
        abort(404)
    now = utc_now()
    if name == "index-by-year":
        image = chartcache.index_by_year(list_index_scores(current_user), format=ext)
    else:
        pokja_ids, agency_id = filters_from_args(request.args)
        if name == "status-per-pokja":
            summary = summarise(current_user, now, pokja_ids, agency_id)
            image = chartcache.status_per_pokja(summary, format=ext)
        else:
            scope = resolve_scope(current_user, pokja_ids, agency_id)
            image = chartcache.overdue_per_week(overdue_per_week(scope, now), format=ext)
    response = Response(image, mimetype=charts.FORMATS[ext])
    response.headers["Cache-Control"] = f"private, max-age={CHART_CACHE_SECONDS}"
    return response
