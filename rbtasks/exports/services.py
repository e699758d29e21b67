"""The rows of an item export: one per item of a filtered list, in the
columns the import accepts (rbtasks/spreadsheets/columns.py).

Values are what the import reads back to the same item: the due date as a
date, the budget and progress as whole numbers, quarter amounts as
decimals, the owner by name (the import matches an owner by email, then by
exact name within the item's agency, and sheets name people, not
addresses), the agency by name. Area and status are shown for the reader
and ignored by the import. The last column is the item's id: the import
matches a row to the item it names in the pokja being imported into, since
the rows' numbers are only their places in this list.
"""
from collections import defaultdict

import sqlalchemy as sa

from rbtasks.evidence.models import Evidence
from rbtasks.extensions import db
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.items.queries import item_batches
from rbtasks.realisation.models import QuarterRealisation
from rbtasks.realisation.services import QUARTERS, quarter_label

BATCH_SIZE = 500


def export_rows(actor, filters, now, sort="due_date", batch_size=BATCH_SIZE):
    """Yield one row {field: value} per item ``actor`` may see that matches
    ``filters``, in the list's ``sort`` order, numbered from 1.

    Items are read ``batch_size`` at a time, with their quarters and
    evidence in one query each per batch, so memory does not grow with the
    list.
    """
    number = 0
    for items in item_batches(actor, filters, now, sort, batch_size):
        ids = [item.id for item in items]
        quarters, evidence = _quarters_of(ids), _evidence_of(ids)
        for item in items:
            number += 1
            yield item_row(number, item, quarters.get(item.id, {}), evidence.get(item.id, ()))


def item_row(number, item, quarters, evidence):
    """The row of one item. ``quarters`` maps 1–4 to its QuarterRealisation
    rows, ``evidence`` lists its links and file names."""
    area = item.pokja.area
    row = {
        "no": number,
        "area": area.name if area else None,
        "title": item.title,
        "output": item.output or None,
        "indicator": item.indicator or None,
        "target": item.target or None,
        "unit": item.unit or None,
        "owner": item.owner.name if item.owner else None,
        "agency": item.agency.name,
        "budget": item.budget,
        "due_date": item.due_date,
        "obstacles": _quarter_notes(quarters, "obstacles"),
        "solutions": _quarter_notes(quarters, "follow_up"),
        "evidence": "\n".join(evidence) or None,
        "description": item.description or None,
        "status": str(STATUS_LABELS[item.status]),
        "progress": item.progress,
        "id": item.id,
    }
    for quarter in QUARTERS:
        entry = quarters.get(quarter)
        row[f"tw{quarter}_target"] = entry.target if entry else None
        row[f"tw{quarter}_realisation"] = entry.realisation if entry else None
    return row


def _quarter_notes(quarters, name):
    """One quarter's note as it is; several each behind its quarter
    ("TW I: …" on its own line), so none is lost."""
    notes = [(quarter, getattr(quarters[quarter], name).strip())
             for quarter in QUARTERS if quarter in quarters]
    notes = [(quarter, text) for quarter, text in notes if text]
    if not notes:
        return None
    if len(notes) == 1:
        return notes[0][1]
    return "\n".join(f"{quarter_label(quarter)}: {text}" for quarter, text in notes)


def _quarters_of(item_ids):
    found = defaultdict(dict)
    rows = db.session.scalars(
        sa.select(QuarterRealisation).where(QuarterRealisation.item_id.in_(item_ids)))
    for row in rows:
        found[row.item_id][row.quarter] = row
    return found


def _evidence_of(item_ids):
    """Per item, its links (the address) and files (their name), oldest first."""
    found = defaultdict(list)
    rows = db.session.execute(
        sa.select(Evidence.item_id, Evidence.url, Evidence.original_name)
        .where(Evidence.item_id.in_(item_ids)).order_by(Evidence.added_at, Evidence.id))
    for item_id, url, file_name in rows:
        found[item_id].append(url or file_name or "")
    return found
