"""Pages for workflow (being built)."""
from rbtasks.workflow import bp  # noqa: F401
