"""The supervisor's search backend: every change forwarded to every worker's index.

The supervisor keeps the index it built at start as the image it forks workers from, and does
not change it: each change goes to the workers, and its clause id is remembered, so that a
worker forked later is first sent those clauses as the database has them then (catch-up).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from sqlmodel import Session

from app.search.builtin.records import document_id
from app.search.contract import SearchPage, SearchQuery, SearchUnavailable
from app.search.indexer import changes_for
from app.serving.channel import Change, send
from app.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)

CATCH_UP_BATCH = 1000


class Fanout:
    """contract.SearchBackend for the supervisor of built-in workers."""

    name = "builtin"
    in_process = True

    def __init__(self, documents_at_fork: int) -> None:
        self.channels: dict[int, int] = {}  # worker slot -> write end of its pipe
        self.changed: set[str] = set()  # clause ids changed since the forked image was built
        self._documents_at_fork = documents_at_fork

    def ensure_ready(self) -> None:
        """The workers' indexes are made by forking: nothing to create."""

    def _forward(self, change: Change) -> None:
        for slot, fd in list(self.channels.items()):
            try:
                send(fd, change)
            except OSError as exc:  # the worker died; its replacement will catch up
                log.warning("worker %d did not take a change (%s)", slot, exc)
                self.channels.pop(slot, None)

    def upsert(self, documents: list[dict[str, Any]]) -> None:
        """Send documents to every worker."""
        self.changed.update(document_id(document) for document in documents)
        self._forward(("upsert", documents))

    def delete(self, ids: list[str]) -> None:
        """Send deletions to every worker."""
        self.changed.update(ids)
        self._forward(("delete", ids))

    def rebuild(self, documents: Iterable[dict[str, Any]]) -> None:
        """A running set of workers is not rebuilt in place: restart the service."""
        raise SearchUnavailable("restart the service to rebuild the built-in index")

    def search(self, query: SearchQuery) -> SearchPage:
        """The supervisor answers no searches: its workers do."""
        raise SearchUnavailable("the supervisor does not search")

    def document_count(self) -> int:
        return self._documents_at_fork

    def catch_up(self, fd: int, session_factory: Callable[[], Session], taxonomy: Taxonomy) -> None:
        """Send a newly forked worker every clause changed since the image was built, read
        from the database now, then "ready"."""
        changed = sorted(self.changed)
        for at in range(0, len(changed), CATCH_UP_BATCH):
            with session_factory() as session:
                documents, gone = changes_for(session, taxonomy, changed[at : at + CATCH_UP_BATCH])
            if documents:
                send(fd, ("upsert", documents))
            if gone:
                send(fd, ("delete", gone))
        send(fd, ("ready", []))
