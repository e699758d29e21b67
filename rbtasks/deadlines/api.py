"""JSON endpoints for deadlines (being built)."""
OPENAPI_PATHS = {}
