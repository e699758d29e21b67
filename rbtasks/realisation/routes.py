"""Pages for realisation (being built)."""
from rbtasks.realisation import bp  # noqa: F401
