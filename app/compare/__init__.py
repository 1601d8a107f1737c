"""Compare: one sub-theme's negotiated clauses across regions and countries, side by side."""
