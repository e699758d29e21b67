"""The upload and link forms of the evidence panel.

Field names match the API's (``file``, ``kind``, ``description``, ``url``);
ids are prefixed so both forms can sit on the item page together.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from rbtasks.evidence.kinds import DEFAULT_FILE_KIND, DEFAULT_LINK_KIND, KIND_LABELS
from rbtasks.evidence.services import MAX_DESCRIPTION, MAX_URL
from rbtasks.webforms import BaseForm


def _kinds():
    return list(KIND_LABELS.items())


class FileEvidenceForm(BaseForm):
    file = FileField(_l("File"), id="evidence-file-file",
                     validators=[FileRequired(_l("Choose a file to upload."))])
    kind = SelectField(_l("Kind"), id="evidence-file-kind", choices=_kinds(),
                       default=DEFAULT_FILE_KIND)
    description = StringField(_l("Description"), id="evidence-file-description",
                              validators=[Length(max=MAX_DESCRIPTION)])


class LinkEvidenceForm(BaseForm):
    url = StringField(_l("Link (https://…)"), id="evidence-link-url",
                      validators=[DataRequired(_l("Give the link's address.")),
                                  Length(max=MAX_URL)])
    kind = SelectField(_l("Kind"), id="evidence-link-kind", choices=_kinds(),
                       default=DEFAULT_LINK_KIND)
    description = StringField(_l("Description"), id="evidence-link-description",
                              validators=[Length(max=MAX_DESCRIPTION)])


class RemoveEvidenceForm(BaseForm):
    """Only carries the CSRF token."""
