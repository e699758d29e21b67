"""JSON bodies read one way only: a 400 for anything ambiguous or absurd.

``request.get_json`` keeps the last of two repeated keys (``{"title": "a",
"title": "b"}``: which did the client mean?) and lets 50,000 nested arrays
raise RecursionError (a 500). Here a repeated key, nesting deeper than any
endpoint needs and text that is not valid JSON are all a 400; a string with
a control character is a 422 naming its field, like any invalid field.
"""
import json

from flask_babel import gettext as _

from rbtasks.errors import BadRequest, ValidationError
from rbtasks.inputs.text import control_character_message, has_control_character

MAX_DEPTH = 20  # the deepest body any endpoint takes is 3 (quarters: a list of objects)


class _RepeatedKey(ValueError):
    pass


def _object_without_repeats(pairs):
    names = [name for name, _value in pairs]
    if len(set(names)) != len(names):
        raise _RepeatedKey
    return dict(pairs)


def _not_a_json_number(name):
    raise ValueError(name)  # NaN and Infinity: Python reads them, JSON has no such numbers


def parse_json(raw):
    """The JSON document in ``raw`` (bytes); BadRequest or ValidationError if refused."""
    try:
        document = json.loads(raw, object_pairs_hook=_object_without_repeats,
                              parse_constant=_not_a_json_number)
    except _RepeatedKey:
        raise BadRequest(_("The body repeats a key; send each field once.")) from None
    except RecursionError:
        raise BadRequest(_("The body is nested too deeply.")) from None
    except ValueError:  # not JSON, not UTF-8, or a number with thousands of digits
        raise BadRequest(_("The body is not valid JSON.")) from None
    _check_strings(document)
    return document


def _check_strings(document):
    """Walks the document without recursion (its depth is the client's choice)."""
    pending = [((), document)]
    while pending:
        path, value = pending.pop()
        if len(path) > MAX_DEPTH:
            raise BadRequest(_("The body is nested too deeply."))
        if isinstance(value, dict):
            for name, child in value.items():
                if has_control_character(name):
                    _refuse(path)
                pending.append(((*path, name), child))
        elif isinstance(value, list):
            pending.extend(((*path, index), child) for index, child in enumerate(value))
        elif isinstance(value, str) and has_control_character(value):
            _refuse(path)


def _refuse(path):
    name = ".".join(str(part) for part in path) or "body"
    raise ValidationError(_("Some fields are not valid."), {name: control_character_message()})
