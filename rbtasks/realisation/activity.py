"""How a change of the quarterly realisation reads in an item's history."""
from flask_babel import gettext as _

DESCRIBERS = {"quarters_updated": lambda entry: _("updated the quarterly realisation")}
