"""Pages for evidence (being built)."""
from rbtasks.evidence import bp  # noqa: F401
