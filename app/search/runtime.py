"""Choose the search backend from the settings."""

from __future__ import annotations

import logging

from app.search.contract import SearchBackend, SearchUnavailable
from app.search.dictionaries.lexicon import open_lexicon
from app.settings import Settings

log = logging.getLogger(__name__)


def make_backend(settings: Settings) -> SearchBackend:
    """Meilisearch when COMMONS_MEILI_URL is set, else the built-in engine."""
    if settings.meili_url:
        from app.search.meili.backend import MeiliSearchBackend

        return MeiliSearchBackend(
            settings.meili_url,
            settings.meili_key.get_secret_value() or None,
            index_uid=settings.meili_index,
            timeout_s=settings.meili_timeout_s,
            lexicon=open_lexicon(settings.lexicon_file),
        )
    from app.search.builtin.engine import BuiltinSearchBackend

    return BuiltinSearchBackend(open_lexicon(settings.lexicon_file))


def ready_backend(settings: Settings) -> SearchBackend:
    """make_backend, with its index created if need be; a backend that is down is only logged:
    the outbox keeps the changes until it answers."""
    backend = make_backend(settings)
    try:
        backend.ensure_ready()
    except SearchUnavailable as exc:
        log.warning("search backend not ready at start-up: %s", exc)
    return backend
