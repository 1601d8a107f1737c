"""Clause Commons: collective bargaining clauses, searchable in every language unions bargain in."""
