"""Builders for test data: affiliates, keys and clause payloads with sensible defaults."""
