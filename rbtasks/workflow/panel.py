"""What the item page shows of the workflow: the status and the allowed actions."""
from rbtasks.workflow.forms import TransitionForm
from rbtasks.workflow.services import allowed_actions


def item_panel(actor, item, now):
    return {
        "actions": allowed_actions(actor, item),
        "form": TransitionForm(formdata=None),
    }
