"""Evidence files on disk: where they live, how they are written and removed.

Files are kept under ``RBTASKS_EVIDENCE_DIR`` (default: the instance
folder's ``evidence`` directory) under names we generate (uuid4 hex), never
under the uploader's name, so no file name can reach outside the folder.
An upload is streamed into a temporary file in the same folder, measured,
hashed and sniffed, and only then renamed into place.

Files follow the database transaction. A file written for a new row is
deleted again if the transaction ends without a commit; a file whose row
was deleted is removed only once that deletion is committed. A failed
commit therefore neither loses a file nor leaves an orphan behind.
"""
import hashlib
import logging
import os
import re
import tempfile
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from rbtasks.errors import ValidationError
from rbtasks.extensions import db

log = logging.getLogger(__name__)

MAX_NAME_LENGTH = 200
CHUNK = 64 * 1024
_STORED_NAME = re.compile(r"\A[0-9a-f]{32}\Z")
# Control, format (e.g. the right-to-left override used to disguise
# "exe.pdf"), line/paragraph separators, surrogates and private-use characters.
_DROPPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co"}
_NEW_FILES = "rbtasks.evidence.new_files"
_DOOMED_FILES = "rbtasks.evidence.doomed_files"


@dataclass(frozen=True)
class StoredUpload:
    stored_name: str
    size_bytes: int
    sha256: str
    content_type: str


def storage_dir():
    configured = current_app.config.get("RBTASKS_EVIDENCE_DIR")
    folder = Path(configured) if configured else Path(current_app.instance_path) / "evidence"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def path_for(stored_name):
    """The file's path; refuses anything but a name this module generated."""
    if not isinstance(stored_name, str) or not _STORED_NAME.match(stored_name):
        raise ValueError(f"not a stored evidence name: {stored_name!r}")
    return storage_dir() / stored_name


def sanitise_filename(raw):
    """The uploader's file name made safe to show and to offer as a download name.

    Turns tabs and line breaks into spaces, drops other control and
    formatting characters, keeps only the last path
    component (for ``/`` and ``\\`` alike), trims dots and spaces at the ends
    and limits the length, keeping the extension. May return ''.
    """
    name = unicodedata.normalize("NFC", raw or "")
    name = "".join(" " if ch.isspace() else ch for ch in name
                   if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = " ".join(name.split()).strip(". ")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, extension = name.rpartition(".")
        if dot and stem and len(extension) <= 10:
            name = f"{stem[:MAX_NAME_LENGTH - len(extension) - 1].rstrip('. ')}.{extension}"
        else:
            name = name[:MAX_NAME_LENGTH]
    return name


def megabytes(size_bytes):
    return format_decimal(round(size_bytes / (1024 * 1024), 1))


def save_upload(stream, max_bytes, detect):
    """Copy ``stream`` into the storage folder under a new name.

    ``detect(head)`` receives the first bytes and returns the content type,
    or raises to refuse the file. Refused files leave nothing on disk. The
    stored file is deleted again if the current transaction is not committed.
    """
    folder = storage_dir()
    digest, size, head = hashlib.sha256(), 0, bytearray()
    handle = tempfile.NamedTemporaryFile(dir=folder, prefix=".upload-", delete=False)
    try:
        with handle:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    message = _("The file is too large: the limit is %(limit)s MB.",
                                limit=megabytes(max_bytes))
                    raise ValidationError(message, {"file": message})
                if len(head) < 8192:
                    head.extend(chunk[:8192 - len(head)])
                digest.update(chunk)
                handle.write(chunk)
        if size == 0:
            message = _("The file is empty.")
            raise ValidationError(message, {"file": message})
        content_type = detect(bytes(head))
        stored_name = uuid.uuid4().hex
        final = folder / stored_name
        os.replace(handle.name, final)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    _pending(_NEW_FILES).append(final)
    return StoredUpload(stored_name, size, digest.hexdigest(), content_type)


def delete_after_commit(stored_name):
    """Remove the stored file once the current transaction commits (not before)."""
    _pending(_DOOMED_FILES).append(path_for(stored_name))


def _pending(key):
    return db.session.info.setdefault(key, [])


def _unlink(paths):
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.exception("could not delete evidence file %s", path)


@sa.event.listens_for(Session, "after_commit")
def _settle_files_after_commit(session):
    session.info.pop(_NEW_FILES, None)  # their rows are committed: keep them
    _unlink(session.info.pop(_DOOMED_FILES, []))


@sa.event.listens_for(Session, "after_transaction_end")
def _undo_files_without_commit(session, transaction):
    if transaction.parent is not None:
        return
    # Still pending here means the transaction ended without a commit.
    _unlink(session.info.pop(_NEW_FILES, []))
    session.info.pop(_DOOMED_FILES, None)
