"""The printable quarterly monev report and its ``.xlsx`` download for signed-in users."""
from flask import Blueprint, render_template, request
from flask_login import current_user, login_required

from rbtasks.dashboard.scope import filter_options
from rbtasks.errors import ValidationError
from rbtasks.realisation.services import NUMERALS, QUARTERS
from rbtasks.reports.quarterly import (FIRST_YEAR, LAST_YEAR, current_quarter, quarterly_report,
                                       report_arguments)
from rbtasks.reports.scope import report_scope
from rbtasks.reports.download import attachment
from rbtasks.reports.workbook import columns, quarterly_workbook, totals_lines
from rbtasks.timeutil import local_today, utc_now

bp = Blueprint("reports", __name__, static_folder="static", static_url_path="/reports/static")


@bp.route("/reports/quarterly")
@login_required
def show_quarterly_report():
    now = utc_now()
    today = local_today(now)
    report_scope(current_user)  # who may not read reports at all gets 403 before the form
    pokjas, agencies = filter_options(current_user)
    try:
        year, quarter, pokja_id, agency_id = report_arguments(request.args, today)
    except ValidationError as error:
        report, errors = None, error.fields
        year, quarter, pokja_id, agency_id = today.year, current_quarter(today), None, None
    else:
        errors = {}
        report = quarterly_report(current_user, now, year, quarter, pokja_id, agency_id)
    chosen = {"year": year, "quarter": quarter, "pokja_id": pokja_id, "agency_id": agency_id}
    return render_template(
        "reports/quarterly.html", report=report, errors=errors, pokjas=pokjas,
        agencies=agencies, chosen=chosen, numerals=NUMERALS, quarters=QUARTERS,
        years=range(max(FIRST_YEAR, today.year - 5), min(LAST_YEAR, today.year + 2) + 1),
        download_args={name: value for name, value in chosen.items() if value},
        totals=totals_lines(report) if report else [],
        columns=columns(),
    ), 422 if errors else 200


@bp.route("/reports/quarterly.xlsx")
@login_required
def download_quarterly_report():
    now = utc_now()
    year, quarter, pokja_id, agency_id = report_arguments(request.args, local_today(now))
    report = quarterly_report(current_user, now, year, quarter, pokja_id, agency_id)
    return attachment(report, quarterly_workbook(report))
