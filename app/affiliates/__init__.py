"""Affiliates (the unions that contribute clauses) and their API keys."""
