"""Reading an instrument file (YAML, JSON or ``.xlsx``) into a mapping.

Files come from admins, but are read as if from anyone:

- at most :data:`MAX_FILE_BYTES` (2 MB; the 2020 model with every indicator
  is about 200 KB);
- YAML through ``yaml.SafeLoader`` (no Python objects), with every alias
  (``*name``) refused, which is what stops a "billion laughs" bomb, a key
  given twice refused, and nesting deeper than :data:`MAX_NESTING` refused;
- JSON with a key given twice, ``NaN``/``Infinity`` and nesting deeper
  than :data:`MAX_NESTING` refused;
- ``.xlsx`` in the sheet shape of :mod:`rbtasks.pmprb.instrument_sheet`.

What the mapping says is checked afterwards, node by node
(:mod:`rbtasks.pmprb.instrument_checks`); a file that cannot be read at
all is a ``ValidationError`` on ``file``.
"""
import json
from pathlib import PurePath

import yaml
from flask_babel import gettext as _

from rbtasks.errors import ValidationError
from rbtasks.pmprb.instrument_sheet import read_instrument_sheet

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_NESTING = 40  # six levels of nodes need about 14 (mapping, list, mapping, …)
SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")


def unreadable(message):
    return ValidationError(message, {"file": message})


def read_instrument_file(stream, filename):
    """The mapping in an uploaded or given instrument file (a binary stream or bytes)."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise unreadable(_("Give a .yaml, .json or .xlsx instrument file."))
    data = _read_limited(stream)
    if suffix == ".xlsx":
        return read_instrument_sheet(data, filename, MAX_FILE_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise unreadable(_("The file is not UTF-8 text.")) from None
    return read_json(text) if suffix == ".json" else read_yaml(text)


def _read_limited(stream):
    data = bytes(stream) if isinstance(stream, (bytes, bytearray)) else \
        stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise unreadable(_("The file is larger than the limit of 2 MB."))
    if not data.strip():
        raise unreadable(_("The file is empty."))
    return data


# ---- YAML ------------------------------------------------------------------

class _Refused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


# libyaml when PyYAML was built with it (five times faster on a 1 MB file), else Python's.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _NoRepeatsLoader(_BASE_LOADER):
    """A SafeLoader (no Python objects) that refuses a key given twice in a mapping."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            keys = [self.construct_object(key, deep=True) for key, _value in node.value]
            try:
                repeated = len(set(keys)) != len(keys)
            except TypeError:  # a list or mapping as a key
                raise _Refused(_("The file uses a list or mapping as a key.")) from None
            if repeated:
                raise _Refused(_("The file gives a key twice in one mapping; give each once."))
        return super().construct_mapping(node, deep=deep)


def _check_events(text):
    """Refuse any alias and deep nesting before a single value is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_BASE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(_("The file uses a YAML alias (*name); write each value out."))
        if isinstance(event, _OPENING):
            depth += 1
            if depth > MAX_NESTING:
                raise _Refused(_("The file is nested too deeply."))
        elif isinstance(event, _CLOSING):
            depth -= 1


def read_yaml(text):
    try:
        _check_events(text)
        return yaml.load(text, Loader=_NoRepeatsLoader)  # noqa: S506 — a SafeLoader
    except _Refused as refused:
        raise unreadable(refused.message) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _(" (line %(line)d)", line=mark.line + 1) if mark else ""
        raise unreadable(_("The file is not valid YAML%(where)s.", where=where)) from None
    except (RecursionError, ValueError, OverflowError):  # e.g. an integer of 5,000 digits
        raise unreadable(_("The file holds a value that cannot be read.")) from None


# ---- JSON ------------------------------------------------------------------

def _no_repeats(pairs):
    names = [name for name, _value in pairs]
    if len(set(names)) != len(names):
        raise _Refused(_("The file gives a key twice in one object; give each once."))
    return dict(pairs)


def _no_constant(name):
    raise _Refused(_("The file holds %(name)s, which is not a number.", name=name))


def read_json(text):
    try:
        document = json.loads(text, object_pairs_hook=_no_repeats,
                              parse_constant=_no_constant)
    except _Refused as refused:
        raise unreadable(refused.message) from None
    except RecursionError:
        raise unreadable(_("The file is nested too deeply.")) from None
    except ValueError as error:  # not JSON, or an integer of 5,000 digits
        line = getattr(error, "lineno", None)
        where = _(" (line %(line)d)", line=line) if line else ""
        raise unreadable(_("The file is not valid JSON%(where)s.", where=where)) from None
    if _nesting(document) > MAX_NESTING:
        raise unreadable(_("The file is nested too deeply."))
    return document


def _nesting(document):
    """How deep lists and objects nest, counted without recursion."""
    deepest, pending = 0, [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, depth)
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
    return deepest
