"""How deadline-extension requests and decisions read in an item's history."""
from flask_babel import force_locale
from flask_babel import gettext as _

from rbtasks.i18n import LANGUAGE_CODES
from rbtasks.items.history_format import value_text


def _dates(entry):
    return {"old": value_text("due_date", entry.old_value),
            "new": value_text("due_date", entry.new_value)}


def approval_reason(entry):
    """The coordinator's reason inside an approval note, which the service writes as
    "extension approved: …" in the approver's language; None when they gave none."""
    note = entry.note
    if not note:
        return None
    for language in LANGUAGE_CODES:
        with force_locale(language):
            if note == _("extension approved"):
                return None
            prefix = _("extension approved: %(reason)s", reason="")
        if note.startswith(prefix):
            return note[len(prefix):] or None
    return note


DESCRIBERS = {
    "extension_requested": lambda entry: _("asked for a new due date: %(date)s",
                                           date=value_text("due_date", entry.new_value)),
    "extension_approved": lambda entry: _("approved a new due date: %(old)s → %(new)s",
                                          **_dates(entry)),
    "extension_rejected": lambda entry: _("rejected a request for a new due date"),
}
NOTES = {"extension_approved": approval_reason}
