"""Checks on every request before any view reads it.

One door for what no field of any form, filter or upload may carry: a
control character in a query argument, a form value or an uploaded file's
name is a 422 naming the argument (an error page for pages), and an address
longer than :data:`MAX_URL_LENGTH` is a 414. Servers have limits of their
own (gunicorn refuses request lines over 4094 bytes by default, with its own
plain page); this one answers in the app's own format whatever reaches it.
"""
from flask import request
from flask_babel import gettext as _
from werkzeug.exceptions import RequestURITooLarge

from rbtasks.errors import ValidationError
from rbtasks.inputs.text import control_character_message, has_control_character

MAX_URL_LENGTH = 8192  # path and query string; a list filtered by 100 pokja needs ~2,000


def check_request():
    if len(request.path) + len(request.query_string) > MAX_URL_LENGTH:
        raise RequestURITooLarge()
    refused = [name for name, value in _texts() if has_control_character(name + value)]
    if refused:
        message = control_character_message()
        raise ValidationError(
            _("The request contains a control character (such as NUL), which cannot be "
              "saved. Remove it and try again."),
            {name: message for name in refused})


def _texts():
    """(name, value) of every query argument, form value and uploaded file name."""
    yield from request.args.items(multi=True)
    if request.method in ("POST", "PUT", "PATCH") and request.mimetype in (
            "multipart/form-data", "application/x-www-form-urlencoded"):
        yield from request.form.items(multi=True)
        for name, upload in request.files.items(multi=True):
            yield name, upload.filename or ""
