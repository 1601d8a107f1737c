"""Apply the search outbox to the backend, with retries; and rebuild the index from the database.

The database is the truth. A write adds an outbox row in its own transaction; this worker reads
the rows, re-reads each clause, upserts published ones and deletes the rest, and removes the rows
only once the backend has accepted the change. When the backend is down the rows wait.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

from sqlalchemy import delete, func, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from app.clauses.models import Clause, ClauseStatus
from app.search.contract import SearchBackend, SearchUnavailable
from app.search.documents import documents_for, published_documents
from app.search.outbox_model import SearchOutbox
from app.taxonomy.model import Taxonomy

log = logging.getLogger(__name__)


class _Counted:
    """Pass documents through, counting them (a rebuild streams; nothing is held twice)."""

    def __init__(self, documents: Iterator[dict[str, Any]]) -> None:
        self._documents = documents
        self.count = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for document in self._documents:
            self.count += 1
            yield document


def changes_for(
    session: Session, taxonomy: Taxonomy, public_ids: list[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """What the index must hold for these clauses, as the database has them now: the documents
    of the published ones, and the ids of the rest (drafts, archived, deleted) to remove."""
    clauses = session.exec(select(Clause).where(col(Clause.public_id).in_(public_ids))).all()
    published = [c for c in clauses if c.status == ClauseStatus.published]
    gone = sorted(set(public_ids) - {c.public_id for c in published})
    documents = documents_for(session, taxonomy, published) if published else []
    return documents, gone


class Indexer:
    """Keeps one search backend in step with the database."""

    def __init__(
        self, engine: Engine, backend: SearchBackend, taxonomy: Taxonomy, batch: int = 500
    ) -> None:
        self.engine = engine
        self.backend = backend
        self.taxonomy = taxonomy
        self.batch = batch
        self.last_error: str | None = None
        self.rebuilding = False
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # --- the outbox ---
    def backlog(self) -> int:
        with Session(self.engine) as session:
            return int(session.exec(select(func.count()).select_from(SearchOutbox)).one())

    def drain(self) -> int:
        """Apply every waiting change; returns how many were applied. Stops at the first failure."""
        applied = 0
        with self._lock:
            while True:
                done = self._apply_batch()
                if done == 0:
                    return applied
                applied += done

    def _apply_batch(self) -> int:
        with Session(self.engine) as session:
            rows = session.exec(
                select(SearchOutbox).order_by(col(SearchOutbox.id)).limit(self.batch)
            ).all()
            if not rows:
                return 0
            row_ids = [r.id for r in rows]
            public_ids = list(dict.fromkeys(r.clause_public_id for r in rows))
            documents, gone = changes_for(session, self.taxonomy, public_ids)
            try:
                if documents:
                    self.backend.upsert(documents)
                if gone:
                    self.backend.delete(gone)
            except SearchUnavailable as exc:
                self._record_failure(session, row_ids, str(exc))
                return 0
            session.execute(delete(SearchOutbox).where(col(SearchOutbox.id).in_(row_ids)))
            session.commit()
            self.last_error = None
            return len(row_ids)

    def _record_failure(self, session: Session, row_ids: list[Any], error: str) -> None:
        self.last_error = error[:1000]
        log.warning("search backend refused %d changes; they wait: %s", len(row_ids), error)
        session.rollback()
        session.execute(
            update(SearchOutbox)
            .where(col(SearchOutbox.id).in_(row_ids))
            .values(attempts=SearchOutbox.attempts + 1, last_error=self.last_error)
        )
        session.commit()

    # --- full rebuild ---
    def rebuild(self) -> int:
        """Rebuild the whole index from the database; returns the number of documents."""
        with self._lock:
            self.rebuilding = True
            try:
                counted = _Counted(published_documents(Session(self.engine), self.taxonomy))
                self.backend.rebuild(counted)
                return counted.count
            finally:
                self.rebuilding = False

    # --- the background worker ---
    def notify(self) -> None:
        self._wake.set()

    def start(self, interval_s: float, rebuild_first: bool) -> None:
        def run() -> None:
            if rebuild_first:
                self._safely(self.rebuild)
            while not self._stop.is_set():
                self._safely(self.drain)
                self._wake.wait(interval_s)
                self._wake.clear()

        self._thread = threading.Thread(target=run, name="search-indexer", daemon=True)
        self._thread.start()

    def _safely(self, job: Any) -> None:
        try:
            job()
        except SearchUnavailable as exc:
            self.last_error = str(exc)
        except Exception:  # the worker must outlive any one bad batch; it retries next round
            log.exception("search indexer failed; retrying later")

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
