"""The deadline-extension panel of the item page (templates/deadlines/_panel.html)."""
from datetime import timedelta

from rbtasks.deadlines.forms import ExtensionDecisionForm, ExtensionRequestForm
from rbtasks.deadlines.models import PENDING
from rbtasks.deadlines.services import list_extensions, may_decide, may_request
from rbtasks.items.constants import CANCELLED, DONE
from rbtasks.timeutil import local_today


def item_panel(actor, item, now):
    """Everything ``deadlines_panel`` needs: the history, the open request and the forms."""
    extensions = list_extensions(item)
    pending = next((e for e in extensions if e.status == PENDING), None)
    can_ask = (pending is None and item.status not in (DONE, CANCELLED)
               and may_request(actor, item))
    can_decide = pending is not None and may_decide(actor, pending)
    earliest = max(item.due_date + timedelta(days=1), local_today(now))
    return {
        "item_id": item.id, "extensions": extensions, "pending": pending,
        "may_request": can_ask, "may_decide": can_decide,
        "request_form": ExtensionRequestForm(formdata=None) if can_ask else None,
        "decision_form": ExtensionDecisionForm(formdata=None) if can_decide else None,
        "earliest_date": earliest,
    }
