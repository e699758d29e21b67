"""NTT-shaped demo data for trying rbtasks out."""
