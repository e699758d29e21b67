"""``flask rb seed-demo`` (being built)."""
