"""An instrument as an ``.xlsx`` sheet: the shape, reading it, writing it.

The first worksheet holds the instrument. Its first rows give the
instrument itself, a label in column A and the value in column B::

    name         | PMPRB — PermenPANRB 26/2020
    year         | 2026
    description  | …                      (optional)

Then, after any blank rows, a header row starting with ``code`` and one row
per node, parents before their children, in the order the tree lists them::

    code | parent | name | weight | question | answer_type | min | max | evidence | area

``parent`` may be left blank when the code is dotted: ``A.1.2`` belongs to
``A.1`` and ``A`` is on the top level. A row with a ``question`` or an
``answer_type`` is an indicator; any other row is a component. Weights may
be written ``12,5``. Other worksheets (instructions) are ignored. The
template (:func:`write_instrument_sheet` of the issue's example) shows all
of this filled in.

Reading turns the sheet into the same mapping a YAML file gives, so one
set of checks (:mod:`rbtasks.pmprb.instrument_checks`) judges every file.
"""
from decimal import Decimal

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from rbtasks.errors import ValidationError
from rbtasks.pmprb.instrument_checks import Fault, InstrumentFaults
from rbtasks.spreadsheets.reading import read_workbook_rows
from rbtasks.spreadsheets.table import UnreadableFile
from rbtasks.spreadsheets.writing import neutralise, unneutralise

COLUMNS = ("code", "parent", "name", "weight", "question", "answer_type", "min", "max",
           "evidence", "area")
HEAD_LABELS = ("name", "year", "description")
MAX_ROWS = 5_100  # 5,000 nodes and the head
WIDTHS = {"code": 10, "parent": 10, "name": 36, "weight": 8, "question": 60,
          "answer_type": 12, "min": 8, "max": 8, "evidence": 36, "area": 28}
NODE_KEYS = ("name", "weight", "question", "answer_type", "min", "max", "evidence", "area")


def read_instrument_sheet(data, filename, max_bytes):
    """The mapping in an instrument workbook; faults of the sheet's shape raised together."""
    try:
        sheets = read_workbook_rows(data, filename, width=len(COLUMNS) + 5,
                                    max_rows=MAX_ROWS, max_bytes=max_bytes)
    except UnreadableFile as error:
        raise ValidationError(error.message, {"file": error.message}) from None
    _title, rows = sheets[0]
    mapping, header_at = {}, None
    for number, values in rows:
        label = _cell_text(values[0]).lower() if values else ""
        if label == "code":
            header_at = number
            header = [_cell_text(value).lower() for value in values]
            break
        if label in HEAD_LABELS and len(values) > 1:
            mapping[label] = _cell(values[1])
    if header_at is None:
        message = _("The first sheet has no header row starting with “code”.")
        raise ValidationError(message, {"file": message})
    columns = _columns(header)
    node_rows = [(number, values) for number, values in rows if number > header_at]
    mapping["components"] = _tree(node_rows, columns)
    return mapping


def _columns(header):
    """Column name → index; unknown or missing columns are faults of the sheet."""
    columns = {name: index for index, name in enumerate(header) if name}
    unknown = sorted(set(columns) - set(COLUMNS))
    missing = [name for name in ("code", "name", "weight", "question", "answer_type")
               if name not in columns]
    faults = [Fault(_("header"), _("unknown column %(name)s.", name=name)) for name in unknown]
    faults += [Fault(_("header"), _("column %(name)s is missing.", name=name))
               for name in missing]
    if faults:
        raise InstrumentFaults(faults)
    return columns


def _tree(node_rows, columns):
    """The rows as nested node mappings; a row whose parent is unknown is a fault."""
    top, by_code, indicator_codes, faults = [], {}, set(), []
    for number, values in node_rows:
        cells = {name: _cell(values[index]) if index < len(values) else None
                 for name, index in columns.items()}
        if all(value is None for value in cells.values()):
            continue
        code = cells.pop("code")
        parent_code = cells.pop("parent", None)
        node = {"code": code, **{key: value for key, value in cells.items()
                                 if value is not None}}
        label = str(code) if code is not None else _("row %(row)d", row=number)
        is_indicator = "question" in node or "answer_type" in node
        parent_code = str(parent_code) if parent_code is not None else _dotted_parent(code)
        if parent_code is None:
            siblings = top
        elif parent_code in indicator_codes:
            faults.append(Fault(label, _("its parent %(parent)s is an indicator.",
                                         parent=parent_code)))
            continue
        elif parent_code in by_code:
            siblings = by_code[parent_code].setdefault(
                "indicators" if is_indicator else "children", [])
        else:
            faults.append(Fault(label, _("its parent %(parent)s is not in an earlier row.",
                                         parent=parent_code)))
            continue
        siblings.append(node)
        if code is not None:
            by_code.setdefault(str(code), node)
            if is_indicator:
                indicator_codes.add(str(code))
    if faults:
        raise InstrumentFaults(faults)
    return top


def _dotted_parent(code):
    """``A.1.2`` → ``A.1``; None for a code without a dot (the top level)."""
    if not isinstance(code, str) or "." not in code.strip().strip("."):
        return None
    return code.strip().rsplit(".", 1)[0]


def _cell(value):
    if isinstance(value, str):
        return unneutralise(value.strip()) or None
    return value


def _cell_text(value):
    return str(value).strip() if value is not None else ""


# ---- writing ---------------------------------------------------------------

def write_instrument_sheet(mapping, stream):
    """Write an instrument mapping (the YAML shape) as the sheet that reads back to it."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Instrumen"
    bold = Font(bold=True)
    for label in HEAD_LABELS:
        sheet.append([label, _written(mapping.get(label, ""))])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append([])
    sheet.append(list(COLUMNS))
    for index, name in enumerate(COLUMNS, start=1):
        sheet.cell(row=sheet.max_row, column=index).font = bold
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = \
            WIDTHS[name]
    for node, parent in _depth_first(mapping.get("components") or [], None):
        row = {"code": node.get("code"), "parent": parent, **{
            key: node.get(key) for key in NODE_KEYS}}
        sheet.append([_written(row[name]) for name in COLUMNS])
    workbook.save(stream)


def _depth_first(nodes, parent):
    for node in nodes:
        yield node, parent
        yield from _depth_first(node.get("children") or node.get("indicators") or [],
                                node.get("code"))


def _written(value):
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return neutralise(value) if isinstance(value, str) else value
