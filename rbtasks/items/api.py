"""JSON endpoints for action items (being built)."""
