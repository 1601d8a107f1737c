"""BuiltinSearchBackend: the default search engine, in the application's own process.

Searches and writes take turns on one lock, in order of arrival (see locking.py); writes go
in small chunks so that a large upsert never holds searches back for long. A rebuild indexes
aside, without the lock, and swaps the new index in at once; writes that arrive meanwhile go
to the old index and are replayed on the new one before the swap: neither an empty moment
nor a lost write.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from typing import Any, Final

from app.search.contract import SearchPage, SearchQuery, SearchUnavailable
from app.search.dictionaries.lexicon import Lexicon

from .executor import run
from .index import Index
from .locking import FairLock
from .records import document_id

logger = logging.getLogger(__name__)

WRITE_CHUNK: Final = 100  # documents per turn on the lock: 25 ms or so; 50 cost a third more CPU


def _concepts(document: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(str(code) for code in document.get(name) or ())
        for name in ("themes", "subthemes", "lifecycle")
    )


class BuiltinSearchBackend:
    """contract.SearchBackend in memory, ranking like Meilisearch."""

    name = "builtin"
    in_process = True

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon  # translations of the query's words; None: none
        self._lock = FairLock()
        self._rebuilding = threading.Lock()
        self._index = Index()
        self._journal: list[tuple[str, list[Any]]] | None = None

    def ensure_ready(self) -> None:
        """Nothing to create: the index lives in memory."""

    def _write(self, action: str, items: list[Any]) -> None:
        for at in range(0, len(items), WRITE_CHUNK):
            chunk = items[at : at + WRITE_CHUNK]
            with self._lock:
                self._apply(self._index, action, chunk)
                if self._journal is not None:
                    self._journal.append((action, chunk))

    @staticmethod
    def _apply(index: Index, action: str, items: list[Any]) -> None:
        if action == "upsert":
            index.upsert(items)
        else:
            index.delete(items)

    def upsert(self, documents: list[dict[str, Any]]) -> None:
        """Add or replace documents by id (the last one wins when an id repeats)."""
        latest = {document_id(document): document for document in documents}
        # Documents on the same concepts share their label set, which the index posts once per
        # chunk for all of them: kept side by side, they cost one label posting, not one each.
        batch = sorted(latest.values(), key=_concepts)
        self._write("upsert", batch)

    def delete(self, ids: list[str]) -> None:
        """Remove documents by id; unknown ids are ignored."""
        self._write("delete", [str(pid) for pid in ids])

    def rebuild(self, documents: Iterable[dict[str, Any]]) -> None:
        """Index these documents aside, then swap them in at once."""
        with self._rebuilding:
            with self._lock:
                self._journal = []
            try:
                fresh = Index.build(documents)
                with self._lock:
                    for action, items in self._journal:
                        self._apply(fresh, action, items)
                    self._index = fresh
            finally:
                with self._lock:
                    self._journal = None
        logger.info("built-in search index rebuilt with %d documents", len(fresh))

    def search(self, query: SearchQuery) -> SearchPage:
        """Run one query."""
        with self._lock:
            try:
                return run(self._index, query, self.lexicon)
            except Exception as error:
                # A fault of ours must not take the page down with a 500: report it as the
                # engine being unable to answer, with the cause in the log.
                logger.exception("built-in search failed for %r", query)
                raise SearchUnavailable(f"built-in search failed: {error}") from error

    def document_count(self) -> int:
        """How many documents the index holds."""
        with self._lock:
            return len(self._index)
