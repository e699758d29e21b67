"""The item page's panel for an item made from a self-assessment's gap:
"PMPRB follow-up: <assessment> / <indicator code>", linking back."""
from flask import url_for

from rbtasks.pmprb.assessment_access import may_read
from rbtasks.pmprb.gaps import gap_of_item


def gap_panel(actor, item, now):
    found = gap_of_item(item.id)
    if found is None:
        return None
    assessment, indicator = found
    scope = assessment.agency.name if assessment.agency else None
    return {
        "instrument": assessment.instrument.name, "year": assessment.year, "scope": scope,
        "code": indicator.code, "question": indicator.question or indicator.name,
        "url": (url_for("pmprb_assessments.show_assessment", assessment_id=assessment.id,
                        _anchor=f"indicator-{indicator.id}")
                if may_read(actor, assessment) else None),
    }
