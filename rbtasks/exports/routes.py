"""The item list's download links: the list page's filters, as a file."""
from flask import Blueprint, request
from flask_login import current_user, login_required

from rbtasks.exports.download import csv_download, xlsx_download
from rbtasks.items.queries import filters_from_args
from rbtasks.timeutil import utc_now

bp = Blueprint("exports", __name__)


@bp.route("/items.xlsx")
@login_required
def items_xlsx():
    filters, sort, _page, _per_page = filters_from_args(request.args)
    return xlsx_download(current_user, filters, sort, utc_now())


@bp.route("/items.csv")
@login_required
def items_csv():
    filters, sort, _page, _per_page = filters_from_args(request.args)
    return csv_download(current_user, filters, sort, utc_now())
