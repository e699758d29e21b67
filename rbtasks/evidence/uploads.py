"""The one file an API request uploads as evidence (multipart, field ``file``):
shared by every holder's API (items, meetings), so each refuses alike."""
from flask import request
from flask_babel import gettext as _

from rbtasks.errors import ValidationError


def the_uploaded_file():
    """The request's one file in ``file``; 422 for other file fields, none, or several."""
    files = request.files.getlist("file")
    unexpected = sorted(set(request.files) - {"file"})
    if unexpected:
        raise ValidationError(_("Some fields are not valid."),
                              {name: _("Unknown field.") for name in unexpected})
    if len(files) != 1 or not files[0].filename:
        message = _("Send exactly one file in the “file” field.")
        raise ValidationError(message, {"file": message})
    return files[0]
