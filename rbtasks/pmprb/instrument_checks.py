"""Checking an instrument given as a mapping (from YAML, JSON or a sheet).

The mapping has the issue's shape::

    name: Contoh instrumen PMPRB
    year: 2026
    description: …              (optional)
    components:                 (the top level)
      - code: A
        name: Pengungkit
        weight: 60
        area: Manajemen Perubahan          (optional, inherited downwards)
        children:   [components …]         or
        indicators: [{code, question, answer_type, evidence,
                      name, weight, min, max, area} …]

:func:`check_instrument` walks the whole tree and collects every fault,
each naming the node at fault by its code (by its place in the file when it
has none), so one run tells the author everything to fix. A node whose
parts weigh less than itself (A 60 holding only A.1 20) is a warning, not a
fault, unless ``strict``. The result lists the nodes depth-first, as the
file gives them; nothing here touches the database.
"""
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import ngettext

from rbtasks.errors import ValidationError
from rbtasks.pmprb.instrument_values import (
    BadValue, code_value, decimal_value, points, text_value,
)
from rbtasks.pmprb.models import ANSWER_TYPES

MAX_DEPTH = 6
MAX_NODES = 5_000
MAX_WEIGHT = Decimal(1000)  # far above 100 points; the column holds 99,999.9999
MAX_BOUND = Decimal(10) ** 12  # a number answer's min/max; the column holds 10^14
TOP_WEIGHT = Decimal(100)
INSTRUMENT = "(instrument)"  # how a fault of the instrument itself is named

INSTRUMENT_KEYS = {"name", "year", "description", "components", "is_sample"}
COMPONENT_KEYS = {"code", "name", "weight", "area", "children", "indicators"}
INDICATOR_KEYS = {"code", "name", "question", "answer_type", "evidence", "weight", "min",
                  "max", "area"}
LIMITS = {"name": 500, "area": 200, "evidence": 1000, "question": 5000,
          "description": 5000}


@dataclass(frozen=True)
class Fault:
    node: str  # the node's code, its place in the file, or INSTRUMENT
    message: str

    def __str__(self):
        return f"{self.node}: {self.message}"


class InstrumentFaults(ValidationError):
    """An instrument refused: ``faults`` lists every fault, each naming its node.

    ``fields`` maps each node to its faults joined, so the API's 422 lists
    them by node like any invalid field.
    """

    def __init__(self, faults, warnings=()):
        self.faults = list(faults)
        self.warnings = list(warnings)
        by_node = {}
        for fault in self.faults:
            by_node.setdefault(fault.node, []).append(fault.message)
        super().__init__(
            ngettext("The instrument was not loaded: %(num)d fault.",
                     "The instrument was not loaded: %(num)d faults.", len(self.faults)),
            {node: " ".join(messages) for node, messages in by_node.items()})


@dataclass
class NodeSpec:
    """One node as it will be stored; ``parent`` is its parent's index in the list."""

    code: str
    parent: int | None
    depth: int
    is_indicator: bool
    name: str = ""
    weight: Decimal | None = None
    question: str = ""
    answer_type: str | None = None
    answer_min: Decimal | None = None
    answer_max: Decimal | None = None
    evidence_expected: str = ""
    area_name: str = ""


@dataclass
class CheckedInstrument:
    name: str = ""
    year: int | None = None
    description: str = ""
    is_sample: bool = False
    nodes: list[NodeSpec] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    warnings: list[Fault] = field(default_factory=list)


def check_instrument(mapping, strict=False):
    """The instrument in ``mapping`` checked: its nodes, faults and warnings."""
    result = CheckedInstrument()
    if not isinstance(mapping, dict):
        result.faults.append(Fault(INSTRUMENT, _("The file must hold a mapping with name, "
                                                 "year and components.")))
        return result
    _Walker(result, strict).walk_instrument(mapping)
    return result


class _Walker:
    def __init__(self, result, strict):
        self.result = result
        self.strict = strict
        self.codes = {}  # lower-cased code → first place (MariaDB compares case-blind)
        self.too_many = False

    def fault(self, node, message):
        self.result.faults.append(Fault(node, message))

    def shortfall(self, node, message):
        (self.result.faults if self.strict else self.result.warnings).append(
            Fault(node, message))

    # ---- the instrument ----------------------------------------------------

    def walk_instrument(self, mapping):
        result = self.result
        self._unknown_keys(INSTRUMENT, mapping, INSTRUMENT_KEYS)
        result.name = self._text(INSTRUMENT, mapping, "name", required=True, limit=300)
        result.year = self._year(mapping.get("year"))
        result.description = self._text(INSTRUMENT, mapping, "description")
        sample = mapping.get("is_sample", False)
        if not isinstance(sample, bool):
            self.fault(INSTRUMENT, _("is_sample must be true or false."))
        result.is_sample = sample is True
        components = mapping.get("components")
        if not isinstance(components, list) or not components:
            self.fault(INSTRUMENT, _("components must be a list of at least one component."))
            return
        weights = self._walk_list(components, "components", None, 1, "", indicators=False)
        total = sum(weights, Decimal(0))
        if total > TOP_WEIGHT:
            self.fault(INSTRUMENT, _("the components weigh %(total)s points; the index has "
                                     "only 100.", total=points(total)))
        elif total < TOP_WEIGHT and weights:
            self.shortfall(INSTRUMENT, _("the components weigh %(total)s of 100 points.",
                                         total=points(total)))

    def _year(self, value):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or not 2000 <= value <= 2100:
            self.fault(INSTRUMENT, _("year must be a year from 2000 to 2100."))
            return None
        return value

    # ---- the nodes -----------------------------------------------------------

    def _walk_list(self, entries, place, parent, depth, area, indicators):
        """Check each node of a list; return the weights they carry."""
        weights = []
        for index, entry in enumerate(entries):
            if len(self.result.nodes) >= MAX_NODES:
                if not self.too_many:
                    self.too_many = True
                    self.fault(INSTRUMENT, _("more than %(count)d nodes; split the "
                                             "instrument.", count=MAX_NODES))
                return weights
            where = f"{place}[{index + 1}]"
            if not isinstance(entry, dict):
                self.fault(where, _("must be a mapping with a code."))
                continue
            walk = self._indicator if indicators else self._component
            weight = walk(entry, where, parent, depth, area)
            if weight is not None:
                weights.append(weight)
        return weights

    def _begin(self, entry, where, parent, depth, area, allowed, is_indicator):
        """The common part of a node: its code, key check, area and place in the list."""
        code = self._code(entry, where)
        label = code or where
        self._unknown_keys(label, entry, allowed)
        area = self._text(label, entry, "area") or area
        spec = NodeSpec(code=code, parent=parent, depth=depth, is_indicator=is_indicator,
                        area_name=area)
        self.result.nodes.append(spec)
        return spec, label, len(self.result.nodes) - 1

    def _component(self, entry, where, parent, depth, area):
        spec, label, index = self._begin(entry, where, parent, depth, area, COMPONENT_KEYS,
                                         False)
        spec.name = self._text(label, entry, "name", required=True)
        spec.weight = self._weight(label, entry, required=True)
        children, indicators = entry.get("children"), entry.get("indicators")
        if children is not None and indicators is not None:
            self.fault(label, _("has both children and indicators; a component holds "
                                "one or the other."))
            return spec.weight
        key, parts = ("indicators", indicators) if indicators is not None else (
            "children", children)
        if parts is None:
            return spec.weight  # a structure-only component: it scores 0
        if not isinstance(parts, list):
            self.fault(label, _("%(key)s must be a list.", key=key))
            return spec.weight
        if depth >= MAX_DEPTH:
            self.fault(label, _("nests deeper than %(count)d levels.", count=MAX_DEPTH))
            return spec.weight
        weights = self._walk_list(parts, f"{label}.{key}", index, depth + 1,
                                  spec.area_name, indicators=key == "indicators")
        self._compare_weights(label, spec.weight, weights, key == "indicators")
        return spec.weight

    def _compare_weights(self, label, weight, weights, of_indicators):
        if weight is None or not weights:
            return
        total = sum(weights, Decimal(0))
        if total > weight:
            self.fault(label, _("its parts weigh %(total)s points, more than its "
                                "%(weight)s.", total=points(total), weight=points(weight)))
        elif total < weight and not of_indicators:
            self.shortfall(label, _("its parts weigh %(total)s of its %(weight)s points.",
                                    total=points(total), weight=points(weight)))

    def _indicator(self, entry, where, parent, depth, area):
        spec, label, _index = self._begin(entry, where, parent, depth, area, INDICATOR_KEYS,
                                          True)
        spec.name = self._text(label, entry, "name")
        spec.question = self._text(label, entry, "question", required=True)
        spec.evidence_expected = self._text(label, entry, "evidence")
        spec.weight = self._weight(label, entry, required=False)
        answer_type = entry.get("answer_type")
        if answer_type not in ANSWER_TYPES:
            self.fault(label, _("unknown answer type %(given)s; use one of %(types)s.",
                                given=repr(answer_type), types=", ".join(ANSWER_TYPES)))
            return spec.weight
        spec.answer_type = answer_type
        if answer_type == "number":
            spec.answer_min = self._bound(label, entry, "min")
            spec.answer_max = self._bound(label, entry, "max")
            if None not in (spec.answer_min, spec.answer_max) and \
                    spec.answer_min >= spec.answer_max:
                self.fault(label, _("min must be less than max."))
        elif "min" in entry or "max" in entry:
            self.fault(label, _("min and max belong to the answer type number only."))
        return spec.weight

    # ---- values ----------------------------------------------------------------

    def _unknown_keys(self, label, entry, allowed):
        unknown = sorted(str(key) for key in entry if key not in allowed)
        if unknown:
            self.fault(label, _("unknown keys: %(keys)s.", keys=", ".join(unknown)))

    def _code(self, entry, where):
        try:
            code = code_value(entry.get("code"))
        except BadValue as bad:
            self.fault(where, bad.message)
            return ""
        if code.lower() in self.codes:
            self.fault(code, _("duplicate code (also at %(first)s); each node needs its own.",
                               first=self.codes[code.lower()]))
        else:
            self.codes[code.lower()] = where
        return code

    def _text(self, label, entry, key, required=False, limit=None):
        limit = limit or LIMITS.get(key, LIMITS["description"])
        try:
            return text_value(entry.get(key), key, limit, required)
        except BadValue as bad:
            self.fault(label, bad.message)
            return ""

    def _weight(self, label, entry, required):
        if entry.get("weight") in (None, ""):
            if required:
                self.fault(label, _("weight is missing."))
            return None
        number = self._number(label, entry, "weight", MAX_WEIGHT)
        if number is not None and number < 0:
            self.fault(label, _("weight must not be negative."))
            return None
        return number

    def _bound(self, label, entry, key):
        if entry.get(key) in (None, ""):
            self.fault(label, _("the answer type number needs %(key)s.", key=key))
            return None
        return self._number(label, entry, key, MAX_BOUND)

    def _number(self, label, entry, key, limit):
        try:
            return decimal_value(entry[key], key, limit)
        except BadValue as bad:
            self.fault(label, bad.message)
            return None
