"""How deadline-extension requests and decisions read in an item's history."""
from flask_babel import gettext as _

from rbtasks.items.history import describe_field_change

DESCRIBERS = {
    "extension_requested": lambda entry: _("asked for a new due date: %(date)s",
                                           date=entry.new_value),
    "extension_approved": describe_field_change,
    "extension_rejected": lambda entry: _("rejected a request for a new due date"),
}
