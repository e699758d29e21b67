"""How the workflow's transitions read in an item's history."""
from rbtasks.items.constants import STATUS_LABELS
from rbtasks.workflow.rules import RULES


def _describer(rule):
    def describe(entry):
        before = STATUS_LABELS.get(entry.old_value, entry.old_value)
        after = STATUS_LABELS.get(entry.new_value, entry.new_value)
        return f"{rule.label}: {before} → {after}"

    return describe


DESCRIBERS = {action: _describer(rule) for action, rule in RULES.items()}
