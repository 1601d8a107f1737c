"""Choose the search backend from the settings."""

from __future__ import annotations

from app.search.contract import SearchBackend
from app.settings import Settings


def make_backend(settings: Settings) -> SearchBackend:
    """Meilisearch when COMMONS_MEILI_URL is set, else the built-in engine."""
    if settings.meili_url:
        from app.search.meili.backend import MeiliSearchBackend

        return MeiliSearchBackend(
            settings.meili_url,
            settings.meili_key.get_secret_value() or None,
            index_uid=settings.meili_index,
            timeout_s=settings.meili_timeout_s,
        )
    from app.search.builtin.engine import BuiltinSearchBackend

    return BuiltinSearchBackend()
