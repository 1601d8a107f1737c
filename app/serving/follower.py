"""A worker's indexer: the supervisor applies the outbox, the worker applies what it forwards.

Inside a worker process the app's `state.indexer` is a FollowerIndexer. Searches use the
worker's own copy of the built-in index (forked from the supervisor's, shared copy-on-write),
or Meilisearch directly; writes wake the supervisor, which reads the outbox once for all
workers and sends each of them the changed documents.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading

from sqlalchemy.engine import Engine

from app.search.contract import SearchBackend
from app.search.indexer import Indexer
from app.serving.channel import receive
from app.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)


def apply_change(backend: SearchBackend, fd: int) -> bool:
    """Read one forwarded change and apply it; False at the end of the stream or at "ready"."""
    change = receive(fd)
    if change is None:
        return False
    action, items = change
    if action == "upsert":
        backend.upsert(items)
    elif action == "delete":
        backend.delete(items)
    return action != "ready"


def catch_up(backend: SearchBackend, fd: int) -> None:
    """Apply what the supervisor sends before this worker serves: the changes made since the
    index it was forked with was built."""
    while apply_change(backend, fd):
        pass


class FollowerIndexer(Indexer):
    """Indexer for a worker process; `channel` is None when the backend is shared (Meilisearch)
    and nothing needs forwarding."""

    def __init__(
        self,
        engine: Engine,
        backend: SearchBackend,
        taxonomy: Taxonomy,
        *,
        channel: int | None,
        wake: int,
        warming: bool = False,
    ) -> None:
        super().__init__(engine, backend, taxonomy)
        self.channel = channel
        self.wake = wake
        self.rebuilding = warming  # the start-up worker answers while the index is built

    def notify(self) -> None:
        """Wake the supervisor: a write is waiting in the outbox."""
        # A full pipe holds wake-ups enough: the supervisor will look.
        with contextlib.suppress(BlockingIOError):
            os.write(self.wake, b"!")

    def drain(self) -> int:
        """Nothing to do here: the supervisor applies the outbox."""
        return 0

    def start(self, interval_s: float, rebuild_first: bool) -> None:
        """Apply forwarded changes in the background until the supervisor closes the pipe."""
        channel = self.channel
        if channel is None:
            return

        def follow() -> None:
            try:
                while apply_change(self.backend, channel):
                    pass
            except Exception:  # a change this worker cannot apply: its index would drift
                log.exception("worker %d could not apply a change; exiting", os.getpid())
                os._exit(70)  # the supervisor forks a fresh worker, caught up from the database

        self._thread = threading.Thread(target=follow, name="search-follower", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """The follower thread ends with the process (or when the pipe closes)."""
