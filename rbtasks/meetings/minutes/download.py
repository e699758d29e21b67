"""The minutes as a ``.docx`` download, for the page and the API alike."""
from flask import Response

from rbtasks.meetings.minutes.content import minutes_of
from rbtasks.meetings.minutes.docx import MIME_TYPE, file_name, minutes_document


def minutes_attachment(meeting, now):
    """The meeting's minutes as an attachment ``notulen-rapat-<date>-<id>.docx``."""
    minutes = minutes_of(meeting, now)
    response = Response(minutes_document(minutes), mimetype=MIME_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{file_name(minutes)}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
