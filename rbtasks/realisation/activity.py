"""How a change of the quarterly realisation reads in an item's history.

The entry keeps the quarter ("quarter_1") and its target / realisation before
and after ("50.00 / —" → "50.00 / 12.50"); the sentence is built from those
in the reader's language. The note stored with it repeats the change in the
language of whoever made it, so it is not shown.
"""
from flask_babel import gettext as _

from rbtasks.items.history_format import EMPTY, amount_text
from rbtasks.realisation.services import QUARTERS, quarter_label


def describe_quarter(entry):
    """ "updated the quarterly realisation: TW I: realisation — → 12,5"."""
    number = int(entry.field[-1]) if (entry.field or "")[-1:].isdigit() else None
    quarter = quarter_label(number) if number in QUARTERS else entry.field
    if not entry.new_value:
        changes = _("%(quarter)s: cleared", quarter=quarter)
    else:
        (old_target, old_realised) = _amounts(entry.old_value)
        (new_target, new_realised) = _amounts(entry.new_value)
        parts = []
        if old_target != new_target:
            parts.append(_("target %(old)s → %(new)s", old=old_target, new=new_target))
        if old_realised != new_realised:
            parts.append(_("realisation %(old)s → %(new)s", old=old_realised, new=new_realised))
        changes = _("%(quarter)s: %(changes)s", quarter=quarter,
                    changes=", ".join(parts) or _("obstacles or follow-up plan changed"))
    return _("updated the quarterly realisation: %(changes)s", changes=changes)


def _amounts(brief):
    """ "50.00 / —" → ("50", "—") in the reader's writing."""
    target, _sep, realised = (brief or f"{EMPTY} / {EMPTY}").partition(" / ")
    return amount_text(target), amount_text(realised)


DESCRIBERS = {"quarters_updated": describe_quarter}
NOTES = {"quarters_updated": lambda entry: None}
