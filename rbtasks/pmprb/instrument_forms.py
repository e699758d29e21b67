"""The upload form of the instruments page (admins)."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField

from rbtasks.webforms import BaseForm


class InstrumentUploadForm(BaseForm):
    file = FileField(_l("Instrument file (.yaml, .json or .xlsx, at most 2 MB)"),
                     validators=[FileRequired(_l("Choose a file to upload."))])
    strict = BooleanField(_l("Strict: refuse a component whose parts weigh less than it"))
    replace = BooleanField(_l("Replace the instrument of the same name and year (only while "
                              "no assessment uses it)"))
