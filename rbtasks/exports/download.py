"""Answering with an export file, the same way for the pages and the API.

The file is written to a temporary file first (in memory up to a few
megabytes, on disk beyond) and then streamed from it: openpyxl's write-only
mode has to finish the worksheet before it can zip it, and a file written
within the request keeps the database session, the user's language and any
error where the request can still answer them. Neither format holds the
list in memory. The file is named for the day in the province's time zone:
``rencana-aksi-2026-11-30.xlsx``.
"""
import tempfile

from flask import send_file
from flask_babel import gettext as _

from rbtasks.exports.services import export_rows
from rbtasks.spreadsheets.columns import COLUMNS
from rbtasks.spreadsheets.writing import CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE, write_csv, write_xlsx
from rbtasks.timeutil import local_today

FILE_STEM = "rencana-aksi"
SPOOL_BYTES = 4 * 1024 * 1024  # kept in memory up to this size, on disk beyond it


def export_filename(extension, now):
    return f"{FILE_STEM}-{local_today(now).isoformat()}.{extension}"


def xlsx_download(actor, filters, sort, now):
    """The filtered item list as an .xlsx attachment."""
    return _download(lambda rows, stream: write_xlsx(rows, COLUMNS, stream,
                                                      sheet_title=_("Action plan")),
                     actor, filters, sort, now, "xlsx", XLSX_MEDIA_TYPE)


def csv_download(actor, filters, sort, now):
    """The filtered item list as a .csv attachment."""
    return _download(lambda rows, stream: write_csv(rows, COLUMNS, stream),
                     actor, filters, sort, now, "csv", CSV_MEDIA_TYPE)


def _download(write, actor, filters, sort, now, extension, media_type):
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    try:
        write(export_rows(actor, filters, now, sort), spool)
        size = spool.tell()
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    response = send_file(spool, mimetype=media_type, as_attachment=True,
                         download_name=export_filename(extension, now), etag=False,
                         max_age=0)
    response.content_length = size
    # The list is what this user may see: no shared cache may keep it.
    response.headers["Cache-Control"] = "private, no-store"
    return response
