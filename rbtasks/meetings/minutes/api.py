"""The minutes of a meeting as ``.docx`` for the token's user."""
from rbtasks.api.helpers import api_user
from rbtasks.api.routing import ApiRoutes
from rbtasks.api.spec import operation, path_id
from rbtasks.meetings.access import get_meeting
from rbtasks.meetings.minutes.docx import MIME_TYPE
from rbtasks.meetings.minutes.download import minutes_attachment
from rbtasks.timeutil import utc_now

routes = ApiRoutes()


@routes.get("/meetings/<int:id>/minutes.docx")
def get_meeting_minutes(id):
    return minutes_attachment(get_meeting(api_user(), id), utc_now())


def _minutes_operation():
    result = operation(
        "The minutes (notulen) of a monev meeting as .docx (A4): particulars, attendance "
        "list with a signature column, agenda and discussion, decisions with their follow-up "
        "items, evidence, signature block; in the token user's language. Every signed-in "
        "user may read them", "meetings", {200: None}, errors=(401, 404))
    result["responses"]["200"]["content"] = {MIME_TYPE: {"schema": {"type": "string",
                                                                    "format": "binary"}}}
    result["responses"]["404"]["description"] = "No such meeting"
    return result


OPENAPI_PATHS = {"/meetings/{id}/minutes.docx": {"parameters": [path_id()],
                                                 "get": _minutes_operation()}}
