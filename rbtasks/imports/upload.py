"""An uploaded sheet, read into a Table and kept between the page's steps.

The page reads the file on upload (a file that cannot be read is refused at
once), keeps it under ``RBTASKS_IMPORT_DIR`` (the instance folder's
``imports`` by default) with a random name that only the uploader's signed
session holds, and deletes it when the import is confirmed or cancelled.
Files left behind (a closed tab) are deleted after :data:`KEEP_FOR` by the
next upload. The API and the command read the file they are given directly.
"""
import re
import secrets
import time
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from rbtasks.errors import ValidationError
from rbtasks.spreadsheets.reading import read_table
from rbtasks.spreadsheets.table import UnreadableFile
from rbtasks.timeutil import local_today

KEEP_FOR = 3600  # seconds
_STORED = re.compile(r"^[A-Za-z0-9_-]{32}\.(xlsx|xlsm|csv)$")
SUFFIXES = (".xlsx", ".xlsm", ".csv")


def read_upload(stream, filename, sheet=None):
    """The Table in an uploaded file; a ValidationError on "file" when it cannot be read."""
    try:
        return read_table(stream, filename, sheet=sheet or None,
                          max_bytes=current_app.config["RBTASKS_IMPORT_MAX_BYTES"])
    except UnreadableFile as error:
        raise ValidationError(error.message, {"file": error.message}) from None


def default_year(now):
    """The plan's year when none is given: this year in the province."""
    return local_today(now).year


def _folder():
    folder = Path(current_app.config["RBTASKS_IMPORT_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep(stream, filename):
    """Store an upload; return its stored name (the only handle to it)."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        message = _("Upload an .xlsx or .csv file.")
        raise ValidationError(message, {"file": message})
    sweep()
    name = secrets.token_urlsafe(24) + suffix
    stream.seek(0)
    with open(_folder() / name, "xb") as target:
        while chunk := stream.read(1 << 16):
            target.write(chunk)
    return name


def kept_path(name):
    """The path of a kept upload, or None when the name is not one or it is gone."""
    if not isinstance(name, str) or not _STORED.match(name):
        return None
    path = _folder() / name
    return path if path.is_file() else None


def forget(name):
    path = kept_path(name)
    if path is not None:
        path.unlink(missing_ok=True)


def sweep(now=None):
    """Delete kept uploads older than KEEP_FOR."""
    limit = (now or time.time()) - KEEP_FOR
    for path in _folder().iterdir():
        if _STORED.match(path.name) and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
