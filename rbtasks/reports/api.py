"""The quarterly monev report as ``.xlsx`` for the token's user."""
from flask import request

from rbtasks.api.helpers import api_user
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation, query
from rbtasks.reports.quarterly import FIRST_YEAR, LAST_YEAR, quarterly_report, report_arguments
from rbtasks.reports.download import attachment
from rbtasks.reports.workbook import MIME_TYPE, quarterly_workbook
from rbtasks.timeutil import local_today, utc_now

routes = ApiRoutes()


@routes.get("/reports/quarterly.xlsx")
def get_quarterly_report():
    now = utc_now()
    year, quarter, pokja_id, agency_id = report_arguments(request.args, local_today(now))
    report = quarterly_report(api_user(), now, year, quarter, pokja_id, agency_id)
    return attachment(report, quarterly_workbook(report))


_ID = {"type": "integer", "minimum": 1}


def _report_operation():
    result = operation(
        "The quarterly monev report (Laporan Monitoring dan Evaluasi Rencana Aksi RB) as "
        ".xlsx: items due in the year, realisation up to the quarter, the implementation and "
        "completion rates. Leaders and admins: the whole plan, any pokja or agency; "
        "coordinators: their pokja; agency heads: their agency", "reports", {200: None},
        parameters=[
            query("year", {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR},
                  "Default: this year (WITA)"),
            query("quarter", {"type": "integer", "minimum": 1, "maximum": 4},
                  "TW I–IV; default: this quarter"),
            query("pokja_id", _ID, "Only this pokja"),
            query("agency_id", _ID, "Only this agency")],
        errors=(401, 403, 404, 422))
    result["responses"]["200"]["content"] = {MIME_TYPE: {"schema": {"type": "string",
                                                                    "format": "binary"}}}
    result["responses"]["403"]["description"] = (
        "Members, or a pokja or agency the user does not oversee")
    result["responses"]["404"]["description"] = "No such pokja or agency"
    return result


OPENAPI_PATHS = {"/reports/quarterly.xlsx": {"get": _report_operation()}}
