"""The realisation panel of the item page (templates/realisation/_panel.html)."""
from flask import url_for

from rbtasks.items.constants import DONE
from rbtasks.numbers import format_number
from rbtasks.realisation.services import (
    QUARTERS,
    achievement,
    may_edit_quarters,
    progress_from,
    quarter_label,
    quarter_rows,
)


def _shown(amount):
    return "—" if amount is None else format_number(amount)


def item_panel(actor, item, now):
    """Everything ``realisation_panel`` needs: four display rows and what the actor may do."""
    rows = []
    stored = quarter_rows(item)
    for quarter, row in zip(QUARTERS, stored):
        percent = achievement(row.target, row.realisation) if row else None
        rows.append({
            "quarter": quarter, "label": quarter_label(quarter), "empty": row is None,
            "target": _shown(row.target if row else None),
            "realisation": _shown(row.realisation if row else None),
            "achievement": "—" if percent is None else f"{percent}%",
            "obstacles": row.obstacles if row else "", "follow_up": row.follow_up if row else "",
        })
    may_edit = may_edit_quarters(actor, item)
    return {
        "item_id": item.id, "rows": rows, "has_any": any(not r["empty"] for r in rows),
        "progress": item.progress, "progress_from_quarters": item.progress_from_quarters,
        # Verifying sets progress to 100; the realisation keeps its own figure.
        "done_beyond_realisation": item.status == DONE and item.progress_from_quarters,
        "realised": progress_from(stored),
        "may_edit": may_edit,
        "edit_url": url_for("realisation.edit_quarters", item_id=item.id) if may_edit else None,
    }
