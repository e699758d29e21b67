"""How an import reads in an item's history: "imported from rencana-aksi.xlsx, row 7".

The entry keeps the file's name (``new_value``) and the sheet row (``note``);
the sentence is built in the reader's language, so the note is not shown.
"""
from flask_babel import gettext as _


def describe_import(entry):
    if entry.new_value:
        return _("imported the item from %(file)s, row %(row)s", file=entry.new_value,
                 row=entry.note or "?")
    return _("imported the item from a sheet, row %(row)s", row=entry.note or "?")


DESCRIBERS = {"imported": describe_import}
NOTES = {"imported": lambda entry: None}
