"""Instruments: loading one from a file or a mapping, listing them, reading a tree.

The page, the API, ``flask rb pmprb load-instrument`` and the demo seed all
load through :func:`load_instrument`: the mapping is checked as a whole
(:mod:`rbtasks.pmprb.instrument_checks`), then stored as an ``Instrument``
and its ``InstrumentNode`` rows, numbered depth-first as the file lists
them. A name and year already loaded is refused; ``replace`` swaps it for
the new one while no assessment uses it. Services flush; the edge commits.
"""
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.checks import SYSTEM
from rbtasks.errors import Conflict, NotFound, PermissionDenied
from rbtasks.extensions import db
from rbtasks.organisation.models import Area
from rbtasks.pmprb.instrument_checks import Fault, InstrumentFaults, check_instrument
from rbtasks.pmprb.instrument_files import read_instrument_file
from rbtasks.pmprb.models import Assessment, Instrument, InstrumentNode
from rbtasks.pmprb.permissions import may_load_instruments, may_read_instruments


FILES = Path(__file__).resolve().parent / "files"
SAMPLE_FILE = FILES / "sample.yaml"
PMPRB_2020_FILE = FILES / "pmprb-2020.yaml"


@dataclass
class Loaded:
    instrument: Instrument
    warnings: list[Fault] = field(default_factory=list)


@dataclass(frozen=True)
class InstrumentSummary:
    instrument: Instrument
    indicator_count: int
    weight: object  # Decimal: the top level's points


def _require_reader(actor):
    if actor is not SYSTEM and not may_read_instruments(actor):
        raise PermissionDenied(_("You are not allowed to do that."))


def require_loader(actor):
    if actor is not SYSTEM and not may_load_instruments(actor):
        raise PermissionDenied(_("Only administrators load instruments."))


def load_instrument_file(actor, stream, filename, *, now, strict=False, replace=False,
                         sample=False):
    """Read an instrument file (YAML, JSON, .xlsx) and load it; see :func:`load_instrument`."""
    require_loader(actor)
    return load_instrument(actor, read_instrument_file(stream, filename), now=now,
                           strict=strict, replace=replace, sample=sample)


def load_instrument(actor, mapping, *, now, strict=False, replace=False, sample=False):
    """Check ``mapping`` and store it as a new instrument; returns it with the warnings.

    Raises :class:`InstrumentFaults` (every fault, by node) when it is not
    valid, ``Conflict`` when its name and year are loaded already (unless
    ``replace`` and no assessment uses the old one). ``sample`` marks it as
    a sample whatever the file says.
    """
    require_loader(actor)
    checked = check_instrument(mapping, strict=strict)
    if checked.faults:
        raise InstrumentFaults(checked.faults, checked.warnings)
    warnings = checked.warnings + _unknown_areas(checked.nodes)
    _make_room(checked.name, checked.year, replace)
    instrument = Instrument(
        name=checked.name, year=checked.year, description=checked.description,
        is_sample=checked.is_sample or sample, loaded_at=now,
        loaded_by_id=None if actor is SYSTEM else actor.id)
    db.session.add(instrument)
    db.session.flush()
    _store_nodes(instrument, checked.nodes)
    return Loaded(instrument, warnings)


def load_sample_instrument(now):
    """The demo's sample instrument (``files/sample.yaml``), loaded unless it is there
    already; returns the new instrument, or None."""
    with open(SAMPLE_FILE, "rb") as stream:
        mapping = read_instrument_file(stream, SAMPLE_FILE.name)
    if _same_name_and_year(mapping["name"], mapping["year"]) is not None:
        return None
    return load_instrument(SYSTEM, mapping, now=now, sample=True).instrument


def sample_instrument():
    """The sample instrument when it is loaded, else None."""
    with open(SAMPLE_FILE, "rb") as stream:
        mapping = read_instrument_file(stream, SAMPLE_FILE.name)
    return _same_name_and_year(mapping["name"], mapping["year"])


def _same_name_and_year(name, year):
    return db.session.scalar(sa.select(Instrument).where(
        sa.func.lower(Instrument.name) == name.lower(), Instrument.year == year))


def _make_room(name, year, replace):
    existing = _same_name_and_year(name, year)
    if existing is None:
        return
    if not replace:
        raise Conflict(_("“%(name)s” for %(year)d is loaded already (id %(id)d); replace it "
                         "or give the new one another name.", name=existing.name, year=year,
                         id=existing.id))
    used = assessments_using(existing)
    if used:
        raise Conflict(_("“%(name)s” for %(year)d is used by %(count)d assessments and "
                         "cannot be replaced.", name=existing.name, year=year, count=used))
    _remove(existing)


def assessments_using(instrument):
    """How many self-assessments are made on ``instrument``."""
    return db.session.scalar(sa.select(sa.func.count(Assessment.id))
                             .where(Assessment.instrument_id == instrument.id))


def delete_instrument(actor, instrument):
    """Remove an instrument no assessment uses (one loaded by mistake);
    Conflict when one does: its answers are scored on it."""
    require_loader(actor)
    used = assessments_using(instrument)
    if used:
        raise Conflict(_("“%(name)s” for %(year)d is used by %(count)d assessments and "
                         "cannot be deleted.", name=instrument.name, year=instrument.year,
                         count=used))
    _remove(instrument)


def _remove(instrument):
    # Nodes point at each other: unlink them, then delete them in one statement each.
    db.session.execute(sa.update(InstrumentNode).where(
        InstrumentNode.instrument_id == instrument.id).values(parent_id=None))
    db.session.execute(sa.delete(InstrumentNode).where(
        InstrumentNode.instrument_id == instrument.id))
    db.session.execute(sa.delete(Instrument).where(Instrument.id == instrument.id))
    db.session.expunge(instrument)


def _store_nodes(instrument, specs):
    """Insert the nodes a level at a time, so each level knows its parents' ids."""
    stored = [None] * len(specs)
    for depth in sorted({spec.depth for spec in specs}):
        level = []
        for position, spec in enumerate(specs):
            if spec.depth != depth:
                continue
            node = InstrumentNode(
                instrument_id=instrument.id, position=position, code=spec.code,
                parent_id=None if spec.parent is None else stored[spec.parent].id,
                name=spec.name, weight=spec.weight, is_indicator=spec.is_indicator,
                question=spec.question, answer_type=spec.answer_type,
                answer_min=spec.answer_min, answer_max=spec.answer_max,
                evidence_expected=spec.evidence_expected, area_name=spec.area_name)
            stored[position] = node
            level.append(node)
        db.session.add_all(level)
        db.session.flush()
    db.session.expire(instrument, ["nodes"])


def _unknown_areas(specs):
    """A warning for each area named in the file that no area of change has."""
    known = {name.lower() for name in db.session.scalars(sa.select(Area.name))}
    warnings, seen = [], set()
    for spec in specs:
        area = spec.area_name
        if area and area.lower() not in known and area.lower() not in seen:
            seen.add(area.lower())
            warnings.append(Fault(spec.code, _("no area of change is named “%(area)s”; a gap "
                                               "here will ask for its pokja.", area=area)))
    return warnings


# ---- reading -----------------------------------------------------------------

def list_instruments(actor):
    """Every instrument, newest year first, with its indicator count and points."""
    _require_reader(actor)
    counts = (sa.select(InstrumentNode.instrument_id,
                        sa.func.count(InstrumentNode.id).label("indicators"))
              .where(InstrumentNode.is_indicator.is_(True))
              .group_by(InstrumentNode.instrument_id).subquery())
    weights = (sa.select(InstrumentNode.instrument_id,
                         sa.func.sum(InstrumentNode.weight).label("weight"))
               .where(InstrumentNode.parent_id.is_(None))
               .group_by(InstrumentNode.instrument_id).subquery())
    rows = db.session.execute(
        sa.select(Instrument, counts.c.indicators, weights.c.weight)
        .outerjoin(counts, counts.c.instrument_id == Instrument.id)
        .outerjoin(weights, weights.c.instrument_id == Instrument.id)
        .order_by(Instrument.year.desc(), Instrument.name, Instrument.id))
    return [InstrumentSummary(instrument, indicators or 0, weight or 0)
            for instrument, indicators, weight in rows]


def get_instrument(actor, instrument_id):
    _require_reader(actor)
    instrument = db.session.get(Instrument, instrument_id)
    if instrument is None:
        raise NotFound(_("That instrument does not exist."))
    return instrument


def summary_of(instrument):
    nodes = instrument.nodes
    return InstrumentSummary(
        instrument, sum(1 for node in nodes if node.is_indicator),
        sum((node.weight or 0) for node in nodes if node.parent_id is None))


def tree_rows(instrument):
    """``(node, depth)`` for every node, depth-first (the order the file gave)."""
    depths = {}
    rows = []
    for node in instrument.nodes:
        depth = 0 if node.parent_id is None else depths[node.parent_id] + 1
        depths[node.id] = depth
        rows.append((node, depth))
    return rows


def instrument_mapping(instrument):
    """The instrument in the shape its files have (YAML, JSON, the sheet)."""
    return {"name": instrument.name, "year": instrument.year,
            "description": instrument.description or "",
            "components": instrument_tree(instrument)}


def instrument_tree(instrument):
    """The nodes nested as the file format nests them: components hold
    ``children`` or ``indicators``."""
    top, by_id = [], {}
    for node, _depth in tree_rows(instrument):
        entry = node_dict(node)
        by_id[node.id] = entry
        if node.parent_id is None:
            top.append(entry)
        else:
            key = "indicators" if node.is_indicator else "children"
            by_id[node.parent_id].setdefault(key, []).append(entry)
    return top


def node_dict(node):
    entry = {"id": node.id, "code": node.code, "name": node.name,
             "weight": None if node.weight is None else float(node.weight),
             "area": node.area_name}
    if node.is_indicator:
        entry.update(question=node.question, answer_type=node.answer_type,
                     evidence=node.evidence_expected,
                     min=None if node.answer_min is None else float(node.answer_min),
                     max=None if node.answer_max is None else float(node.answer_max))
    return entry
