"""JSON endpoints for realisation (being built)."""
OPENAPI_PATHS = {}
