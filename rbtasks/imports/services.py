"""Importing a rencana aksi table into a pokja: check every row, then apply all or nothing.

:func:`run_import` plans every row (rbtasks/imports/planning.py) and, unless
it is a dry run or any row has an error, applies the plan through the items'
and the realisation's services, so permissions, validation and history stay
theirs. Each item touched also gets an "imported" entry naming the file and
the row. Services flush; the edge commits, so the import is one transaction.

The plan is applied with the services' batch forms and the references the
planner loaded, so a sheet costs a few statements per thousand rows rather
than a couple of dozen per row (benchmarks/import_bench.py).
"""
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from rbtasks.errors import NotFound, PermissionDenied, ValidationError
from rbtasks.extensions import db
from rbtasks.imports.mapping import clean_mapping
from rbtasks.imports.models import ImportKey
from rbtasks.imports.planning import CREATE, ERROR, SKIP, UPDATE, Planner
from rbtasks.items.history import record, recorded_together
from rbtasks.items.permissions import can_create_in
from rbtasks.items.services import create_items, update_items
from rbtasks.organisation.models import Pokja
from rbtasks.realisation.services import set_quarters_of_items

MAX_ROWS = 10_000
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100
IMPORTED = "imported"


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    dry_run: bool
    applied: bool = False
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list = field(default_factory=list)  # {"row", "column", "message"}
    rows: list = field(default_factory=list)  # {"row", "action", "title", "item_id", …}
    mapping: dict = field(default_factory=dict)
    sheet: str | None = None
    header_row: int = 1

    def to_dict(self):
        return {"dry_run": self.dry_run, "applied": self.applied, "created": self.created,
                "updated": self.updated, "skipped": self.skipped, "errors": self.errors,
                "rows": self.rows, "mapping": self.mapping, "sheet": self.sheet,
                "header_row": self.header_row}


def importable_pokja(actor, pokja_id):
    """The pokja, if ``actor`` may import into it (admins, its coordinators)."""
    pokja = db.session.get(Pokja, pokja_id) if isinstance(pokja_id, int) else None
    if pokja is None:
        raise NotFound(_("That pokja does not exist."))
    if not can_create_in(actor, pokja.id):
        raise PermissionDenied(_("Only the pokja's coordinators can import items into it."))
    return pokja


def check_year(year):
    if isinstance(year, bool) or not isinstance(year, int) \
            or not EARLIEST_YEAR <= year <= LATEST_YEAR:
        message = _("The year must be between %(first)d and %(last)d.",
                    first=EARLIEST_YEAR, last=LATEST_YEAR)
        raise ValidationError(message, {"year": message})
    return year


def run_import(actor, pokja_id, table, *, year, now, dry_run=True, mapping=None, source="",
               progress=None):
    """Plan ``table``'s rows for the pokja and, unless ``dry_run`` or any error, apply them.

    ``mapping`` changes the proposed {header: field} mapping; ``year`` is the
    plan's year, for deadlines written as quarters; ``source`` names the file
    in the items' history; ``progress(count)`` is told how many rows were
    planned, then applied. Raises PermissionDenied, NotFound or
    ValidationError (a bad mapping or year, too many rows) before reading any
    row.
    """
    pokja = importable_pokja(actor, pokja_id)
    check_year(year)
    if len(table.rows) > MAX_ROWS:
        message = _("The sheet has %(count)d rows; at most %(limit)d can be imported at once. "
                    "Split it into several files.", count=len(table.rows), limit=MAX_ROWS)
        raise ValidationError(message, {"file": message})
    mapping = clean_mapping(table.headers, mapping or {})
    planner = Planner(actor, pokja, table.headers, mapping, year, table.rows)
    plan = []
    for sheet_row in table.rows:
        plan.append(planner.plan(sheet_row))
        if progress:
            progress(1)
    report = _report(plan, dry_run, mapping, table)
    if not dry_run and not report.errors:
        _apply(actor, pokja, planner, plan, source, now, progress)
        report.applied = True
        for planned, row in zip(plan, report.rows):
            row["item_id"] = planned.item.id if planned.item is not None else None
    return report


def _report(plan, dry_run, mapping, table):
    report = ImportReport(dry_run=dry_run, mapping=mapping, sheet=table.sheet,
                          header_row=table.header_row)
    for planned in plan:
        report.created += planned.action == CREATE
        report.updated += planned.action == UPDATE
        report.skipped += planned.action == SKIP
        report.errors.extend({"row": planned.number, "column": column, "message": str(message)}
                             for column, message in planned.errors)
        report.rows.append({
            "row": planned.number, "action": planned.action, "title": planned.title,
            "item_id": planned.item.id if planned.item is not None else None,
            "reason": str(planned.reason), "changes": list(planned.changes),
            "errors": [{"column": column, "message": str(message)}
                       for column, message in planned.errors],
        })
    return report


def _apply(actor, pokja, planner, plan, source, now, progress):
    """Create, then change, every planned item, each step for all rows at once, in the
    order the services would take one row: the item, its quarters, its fields, "imported"."""
    if any(planned.action == ERROR for planned in plan):  # never: the caller checked
        raise RuntimeError("an import with errors cannot be applied")
    applied = [planned for planned in plan if planned.action in (CREATE, UPDATE)]
    with recorded_together():
        _apply_rows(actor, pokja, planner, applied, source, now)
    if progress:
        progress(len(plan))


def _apply_rows(actor, pokja, planner, applied, source, now):
    new = [planned for planned in applied if planned.action == CREATE]
    items = create_items(actor, [planned.values for planned in new], now, planner.references)
    for planned, item in zip(new, items):
        planned.item = item
    if new:
        db.session.execute(sa.insert(ImportKey), [
            {"pokja_id": pokja.id, "key": planned.key, "item_id": planned.item.id,
             "created_at": now} for planned in new])
    set_quarters_of_items(
        actor, [(planned.item, planned.quarters, planned.follow, planned.item.version)
                for planned in applied if planned.quarters is not None], now,
        current={planned.item.id: planner.current_quarters(
            planned.item if planned.action == UPDATE else None) for planned in applied})
    update_items(actor, [(planned.item, planned.values, planned.item.version)
                         for planned in applied if planned.action == UPDATE and planned.values],
                 now, planner.references)
    for planned in applied:
        record(planned.item, actor, IMPORTED, now, new=source or None, note=str(planned.number))
