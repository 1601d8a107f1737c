"""Atom feeds (RFC 4287) of newly published clauses."""
