"""JSON endpoints for users (being built)."""
