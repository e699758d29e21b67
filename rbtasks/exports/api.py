"""The item list as a file over the API: the filters of ``GET /api/v1/items``."""
from flask import request

from rbtasks.api.helpers import api_user
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation
from rbtasks.exports.download import csv_download, xlsx_download
from rbtasks.items.queries import filters_from_args
from rbtasks.items.schemas import LIST_FILTER_PARAMETERS
from rbtasks.spreadsheets.writing import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/items.xlsx")
def export_items_xlsx():
    filters, sort, _page, _per_page = filters_from_args(request.args)
    return xlsx_download(api_user(), filters, sort, utc_now())


@routes.get("/items.csv")
def export_items_csv():
    filters, sort, _page, _per_page = filters_from_args(request.args)
    return csv_download(api_user(), filters, sort, utc_now())


def _export_operation(summary, media_type):
    result = operation(summary, "items", {200: None}, parameters=LIST_FILTER_PARAMETERS,
                       errors=(401, 422))
    result["responses"]["200"]["description"] = (
        "An attachment with a header row and one row per item, in the columns the import "
        "reads; headers in the user's language")
    result["responses"]["200"]["content"] = {
        media_type: {"schema": {"type": "string", "format": "binary"}}}
    return result


OPENAPI_PATHS = {
    "/items.xlsx": {"get": _export_operation(
        "The items of GET /items (every page, same filters and sort) as an Excel workbook",
        XLSX_MEDIA_TYPE)},
    "/items.csv": {"get": _export_operation(
        "The items of GET /items (every page, same filters and sort) as CSV: UTF-8 with a "
        "byte-order mark, ';' between fields, decimal comma, dates as dd/mm/yyyy",
        CSV_MEDIA_TYPE.split(";")[0])},
}
