"""``flask rb create-user`` and ``flask rb token`` (being built)."""
