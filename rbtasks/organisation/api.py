"""JSON endpoints for areas, agencies and pokja (being built)."""
