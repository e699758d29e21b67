"""JSON endpoints for workflow (being built)."""
OPENAPI_PATHS = {}
