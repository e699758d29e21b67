"""Which sheet column fills which field: proposed from the headers, changed by the user.

A mapping is ``{header: field or None}``, one entry per column of the sheet,
in the sheet's order. The fields are those of rbtasks/spreadsheets/columns.py
that can be imported; ``area`` and ``status`` are not (the pokja is the area,
and the status changes only through the workflow), nor ``evidence`` (data
dukung are files and links that someone checks, not cells).
"""
from flask_babel import gettext as _

from rbtasks.errors import ValidationError
from rbtasks.spreadsheets.columns import BY_FIELD, COLUMNS, field_for_header

NOT_IMPORTED = frozenset({"area", "status", "evidence"})
FIELDS = tuple(column.field for column in COLUMNS
               if column.importable and column.field not in NOT_IMPORTED)


def field_label(field):
    return str(BY_FIELD[field].label)


def propose_mapping(headers):
    """The field each header names, None when it names none or one already taken."""
    mapping, taken = {}, set()
    for header in headers:
        field = field_for_header(header)
        if field not in FIELDS or field in taken:
            field = None
        mapping[header] = field
        if field:
            taken.add(field)
    return mapping


def clean_mapping(headers, given):
    """The proposed mapping with the user's changes in ``given`` ({header: field});
    "" or None leaves a column out. Raises ValidationError naming every unknown
    header, unknown field and field given to two columns."""
    if not isinstance(given, dict):
        raise ValidationError(_("Some fields are not valid."),
                              {"mapping": _("Give the mapping as an object {column header: "
                                            "field}.")})
    mapping = propose_mapping(headers)
    problems = []
    unknown_headers = [header for header in given if header not in mapping]
    if unknown_headers:
        problems.append(_("The sheet has no column %(headers)s.",
                          headers=", ".join(f"“{h}”" for h in unknown_headers)))
    unknown_fields = sorted({str(field) for field in given.values()
                             if field not in (None, "") and field not in FIELDS})
    if unknown_fields:
        problems.append(_("Unknown fields: %(fields)s.", fields=", ".join(unknown_fields)))
    if problems:
        _refuse(problems)
    for header, field in given.items():
        mapping[header] = field or None
    targets = {}
    for header, field in mapping.items():
        if field:
            targets.setdefault(field, []).append(header)
    duplicates = {field: headers for field, headers in targets.items() if len(headers) > 1}
    if duplicates:
        _refuse([_("%(field)s is given to more than one column: %(headers)s.", field=field,
                   headers=", ".join(f"“{h}”" for h in headers))
                 for field, headers in duplicates.items()])
    if "title" not in targets:
        _refuse([_("No column is mapped to %(field)s.", field="title")])
    return mapping


def _refuse(problems):
    message = " ".join(str(problem) for problem in problems)
    raise ValidationError(message, {"mapping": message})
