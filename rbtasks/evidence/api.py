"""JSON endpoints for evidence (being built)."""
OPENAPI_PATHS = {}
