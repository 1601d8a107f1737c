"""Exports: clauses as CSV, JSON Lines or XLSX, with licence and attribution."""
