"""Quarterly targets and realisation (TW I–IV) of an action item.

An item may carry, per quarter of its year, a target, the realisation
reached, the obstacles met (kendala) and the follow-up plan (solusi /
rencana tindak lanjut). Its progress can be entered directly or follow the
realisation: 100 × Σ realisation / Σ target over the quarters with a
target, capped at 100. Saving the quarters also touches the item row, so
the item's version guards the quarters against two people saving at once.
:func:`set_quarters_of_items` saves the quarters of many items at once (an
import) with the same checks and history, in a few statements.
"""
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from rbtasks.errors import Conflict, PermissionDenied, StaleVersion, ValidationError
from rbtasks.extensions import db
from rbtasks.items.constants import CANCELLED, DONE, STATUS_LABELS
from rbtasks.items.permissions import can_update_progress
from rbtasks.items.history import record
from rbtasks.items.services import flush_or_conflict
from rbtasks.realisation.models import QuarterRealisation

QUARTERS = (1, 2, 3, 4)
NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV"}
MAX_NOTE = 2000
MAX_AMOUNT = Decimal(10) ** 12
CENT = Decimal("0.01")
AMOUNTS = ("target", "realisation")
NOTES = ("obstacles", "follow_up")
IN_CHUNK = 500  # ids per IN list, well within every supported database's limits


def quarter_label(quarter):
    """TW I … TW IV, as the rencana aksi tables write quarters (triwulan)."""
    return _("TW %(numeral)s", numeral=NUMERALS[quarter])


def progress_follows_quarters(item):
    """True when the item's progress is computed from its realisation, not typed in."""
    return bool(item.progress_from_quarters)


def realised_progress(item):
    """The progress the item's quarterly realisation gives, whether or not progress follows it."""
    return progress_from(quarter_rows(item))


def quarter_rows(item):
    """The item's four quarters in order: a QuarterRealisation, or None when empty."""
    return quarter_rows_by_item([item.id])[item.id]


def quarter_rows_by_item(item_ids):
    """{item id: its four quarters as :func:`quarter_rows` gives them} for many items.

    ``item_ids`` is a collection of ids (asked for in chunks, so that no IN
    list outgrows what a database accepts) or a SELECT of item ids, asked at
    once; an item of the SELECT without quarters is simply not in the result.
    """
    if isinstance(item_ids, sa.Select):
        statements = [sa.select(QuarterRealisation)
                      .where(QuarterRealisation.item_id.in_(item_ids))]
        result = {}
    else:
        ids = list(dict.fromkeys(item_ids))
        statements = [sa.select(QuarterRealisation)
                      .where(QuarterRealisation.item_id.in_(ids[start:start + IN_CHUNK]))
                      for start in range(0, len(ids), IN_CHUNK)]
        result = {item_id: [None] * len(QUARTERS) for item_id in ids}
    for statement in statements:
        for row in db.session.scalars(statement):
            result.setdefault(row.item_id, [None] * len(QUARTERS))[row.quarter - 1] = row
    return result


def achievement(target, realisation):
    """Realisation as a whole percentage of the target (may exceed 100), or None."""
    if target is None or realisation is None or target <= 0:
        return None
    return int((Decimal(100) * realisation / target).quantize(Decimal(1), ROUND_HALF_UP))


def progress_from(quarters):
    """min(100, 100 × Σ realisation / Σ target) over quarters with a target; 0 without.

    ``quarters`` holds dicts (or rows) with ``target`` and ``realisation``;
    a quarter with a target and no realisation yet counts as realising 0.
    """
    with_target = [q for q in quarters if q is not None and _get(q, "target") is not None]
    total_target = sum((_get(q, "target") for q in with_target), Decimal(0))
    if total_target <= 0:
        return 0
    total_realised = sum((_get(q, "realisation") or Decimal(0) for q in with_target), Decimal(0))
    return min(100, achievement(total_target, total_realised))


def check_may_edit_quarters(actor, item):
    """Raise unless ``actor`` may change the item's quarters now."""
    if not can_update_progress(actor, item):
        raise PermissionDenied(_("Only the owner or the pokja's coordinators can report the "
                                 "realisation of this item."))
    if item.status in (DONE, CANCELLED):
        raise Conflict(_("The item is marked “%(status)s”; its realisation can no longer change.",
                         status=STATUS_LABELS[item.status]))


def may_edit_quarters(actor, item):
    return can_update_progress(actor, item) and item.status not in (DONE, CANCELLED)


def set_quarters(actor, item, quarters, progress_from_quarters, expected_version, now):
    """Replace the item's quarters with ``quarters`` and, if asked, derive its progress.

    ``quarters`` is a list of dicts with ``quarter`` (1–4) and optional
    ``target``, ``realisation`` (Decimal, int or decimal text), ``obstacles``
    and ``follow_up``; quarters left out, or given with nothing in them, are
    cleared. Every changed quarter and a changed progress are logged.
    Nothing is written unless every value is valid and ``expected_version``
    is the item's current version.
    """
    set_quarters_of_items(actor, [(item, quarters, progress_from_quarters, expected_version)],
                          now)
    return item


def set_quarters_of_items(actor, changes, now, current=None):
    """:func:`set_quarters` for each ``(item, quarters, progress_from_quarters,
    expected_version)`` in ``changes``; nothing is written unless every one is allowed.

    ``current`` ({item id: its quarter rows}, from :func:`quarter_rows_by_item`)
    spares loading the quarters of items the caller has already loaded; the
    others are loaded together.
    """
    checked = []
    for item, quarters, progress_from_quarters, expected_version in changes:
        check_may_edit_quarters(actor, item)
        if expected_version is None:
            raise ValidationError(_("Some fields are not valid."),
                                  {"version": _("This field is required.")})
        if expected_version != item.version:
            raise StaleVersion()
        checked.append((item, clean_quarters(quarters), bool(progress_from_quarters)))
    current = dict(current or {})
    missing = [item.id for item, _wanted, _follow in checked if item.id not in current]
    if missing:
        current.update(quarter_rows_by_item(missing))

    writes, touched = [], False
    for item, wanted, follow in checked:
        changed = _record_quarters(actor, item, current[item.id], wanted, follow, now)
        if changed is None:
            continue
        touched = True
        writes.extend((item, current[item.id][quarter - 1], quarter, wanted.get(quarter))
                      for quarter in changed)
    if not touched:
        return
    # The item rows go first: their version check makes a concurrent save wait and fail
    # before any quarter row is touched.
    flush_or_conflict()
    new_rows = []
    for item, row, quarter, values in writes:
        if row is None:
            new_rows.append({"item_id": item.id, "quarter": quarter, **values})
        else:
            _write_quarter(row, values)
    try:
        db.session.flush()
        if new_rows:  # one statement for them all (NULLs written, so every row alike)
            db.session.execute(sa.insert(QuarterRealisation).execution_options(
                render_nulls=True), new_rows)
    except IntegrityError:  # someone else added one of the quarters meanwhile
        db.session.rollback()
        raise StaleVersion() from None


def _record_quarters(actor, item, current, wanted, follow, now):
    """Log and make the item's own changes; return the quarters whose rows change
    (None when nothing changes at all)."""
    changed = [q for q in QUARTERS if _values_of(current[q - 1]) != wanted.get(q)]
    new_progress = progress_from(wanted.values()) if follow else item.progress
    row_changes = {}
    if follow != item.progress_from_quarters:
        row_changes["progress_from_quarters"] = follow
    if new_progress != item.progress:
        row_changes["progress"] = new_progress
    if not changed and not row_changes:
        return None

    for name, value in row_changes.items():
        record(item, actor, "updated", now, field=name, old=str(getattr(item, name)),
               new=str(value))
        setattr(item, name, value)
    for quarter in changed:
        before, after = _values_of(current[quarter - 1]), wanted.get(quarter)
        record(item, actor, "quarters_updated", now, field=f"quarter_{quarter}",
               old=_brief(before), new=_brief(after), note=_describe(quarter, before, after))
    item.updated_at = now
    item.updated_by_id = actor.id
    return changed


def _write_quarter(row, values):
    if values is None:
        db.session.delete(row)
    else:
        for name, value in values.items():
            setattr(row, name, value)


def _get(quarter, name):
    return quarter.get(name) if isinstance(quarter, dict) else getattr(quarter, name)


def _values_of(row):
    if row is None:
        return None
    return {"target": row.target, "realisation": row.realisation,
            "obstacles": row.obstacles or "", "follow_up": row.follow_up or ""}


def clean_quarters(quarters):
    """Validate the submitted quarters; return {quarter: values} without empty ones."""
    if not isinstance(quarters, (list, tuple)):
        raise ValidationError(_("Some fields are not valid."),
                              {"quarters": _("Give a list of quarters.")})
    errors, wanted = {}, {}
    for index, given in enumerate(quarters):
        key = f"quarters.{index}"
        quarter = given.get("quarter") if isinstance(given, dict) else None
        if isinstance(quarter, bool) or quarter not in QUARTERS:
            errors[f"{key}.quarter"] = _("The quarter must be 1, 2, 3 or 4.")
            continue
        if quarter in wanted:
            errors[f"{key}.quarter"] = _("Each quarter can be given only once.")
            continue
        values = {name: _clean_amount(given.get(name), errors, f"{key}.{name}")
                  for name in AMOUNTS}
        for name in NOTES:
            text = given.get(name)
            text = text.strip() if isinstance(text, str) else ("" if text is None else None)
            if text is None:
                errors[f"{key}.{name}"] = _("Must be text.")
            elif len(text) > MAX_NOTE:
                errors[f"{key}.{name}"] = _("At most %(count)d characters.", count=MAX_NOTE)
            values[name] = text
        wanted[quarter] = values
    if errors:
        raise ValidationError(_("Some fields are not valid."), errors)
    return {quarter: values for quarter, values in wanted.items() if not _is_empty(values)}


def _is_empty(values):
    return all(values[name] is None for name in AMOUNTS) and not any(values[n] for n in NOTES)


def _clean_amount(value, errors, key):
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float, str)):
        errors[key] = _("Must be a number.")
        return None
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        errors[key] = _("Must be a number.")
        return None
    if not amount.is_finite():
        errors[key] = _("Must be a number.")
    elif amount < 0:
        errors[key] = _("Must not be negative.")
    elif amount >= MAX_AMOUNT:
        errors[key] = _("Must be less than one trillion.")
    elif amount != amount.quantize(CENT, ROUND_HALF_UP):
        errors[key] = _("At most two decimal places.")
    else:
        return amount.quantize(CENT)
    return None


def amount_text(value):
    """A stored amount as plain text with two decimals ("12.50"), or None."""
    return None if value is None else f"{value.quantize(CENT):f}"


def _brief(values):
    if values is None:
        return ""
    return f"{amount_text(values['target']) or '—'} / {amount_text(values['realisation']) or '—'}"


def _describe(quarter, before, after):
    """A readable line such as "TW I: target — → 10.00, obstacles changed"."""
    if after is None:
        return _("%(quarter)s: cleared", quarter=quarter_label(quarter))
    before = before or {"target": None, "realisation": None, "obstacles": "", "follow_up": ""}
    parts = []
    if before["target"] != after["target"]:
        parts.append(_("target %(old)s → %(new)s", old=amount_text(before["target"]) or "—",
                       new=amount_text(after["target"]) or "—"))
    if before["realisation"] != after["realisation"]:
        parts.append(_("realisation %(old)s → %(new)s",
                       old=amount_text(before["realisation"]) or "—",
                       new=amount_text(after["realisation"]) or "—"))
    if before["obstacles"] != after["obstacles"]:
        parts.append(_("obstacles changed"))
    if before["follow_up"] != after["follow_up"]:
        parts.append(_("follow-up plan changed"))
    return _("%(quarter)s: %(changes)s", quarter=quarter_label(quarter), changes=", ".join(parts))

