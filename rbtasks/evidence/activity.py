"""How adding and removing evidence read in an item's history."""
from flask_babel import gettext as _

DESCRIBERS = {
    "evidence_added": lambda entry: _("added evidence: %(name)s", name=entry.new_value),
    "evidence_removed": lambda entry: _("removed evidence: %(name)s", name=entry.old_value),
}
