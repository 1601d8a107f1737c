"""The Meilisearch backend of Clause Commons (see backend.MeiliSearchBackend)."""

from __future__ import annotations

from .backend import MeiliSearchBackend

__all__ = ["MeiliSearchBackend"]
