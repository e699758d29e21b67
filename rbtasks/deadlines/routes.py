"""Pages for deadlines (being built)."""
from rbtasks.deadlines import bp  # noqa: F401
