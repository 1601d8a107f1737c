"""The built-in search engine: in-process, no server, ranking like Meilisearch."""

from __future__ import annotations

from .engine import BuiltinSearchBackend

__all__ = ["BuiltinSearchBackend"]
