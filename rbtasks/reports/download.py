"""The report workbook as a download, for the page and the API alike."""
from flask import Response

from rbtasks.reports.workbook import MIME_TYPE


def attachment(report, content):
    """``content`` (xlsx bytes) as an attachment named after the report."""
    name = f"laporan-monev-tw{report.quarter}-{report.year}.xlsx"
    response = Response(content, mimetype=MIME_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
