"""Collective bargaining clauses: storage, rules and the REST endpoints."""
