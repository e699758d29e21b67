"""What the item page shows of the workflow: the status, why it is so, and the allowed actions."""
from rbtasks.workflow.forms import TransitionForm
from rbtasks.workflow.services import allowed_actions, pending_return


def item_panel(actor, item, now):
    return {
        "actions": allowed_actions(actor, item),
        "form": TransitionForm(formdata=None),
        # A returned item says what is missing where its owner looks first.
        "returned": pending_return(item),
    }
