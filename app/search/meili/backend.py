"""MeiliSearchBackend: the production search engine, through the official `meilisearch` client.

Writes (ensure_ready, upsert, delete, rebuild) wait for their Meilisearch tasks and run at
start-up, in the CLI or in the outbox worker; `search` and `document_count` never wait on a task.
Every failure to talk to the engine surfaces as contract.SearchUnavailable.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import islice
from typing import Any, Final

import meilisearch
import requests
from meilisearch.errors import (
    MeilisearchApiError,
    MeilisearchCommunicationError,
    MeilisearchError,
    MeilisearchTimeoutError,
)
from meilisearch.models.task import TaskInfo

from app.search.contract import SearchPage, SearchQuery, SearchUnavailable
from app.search.dictionaries.lexicon import Lexicon

from .expansion import sub_queries
from .settings import PRIMARY_KEY, index_settings
from .stems import stemmed_documents
from .translate import (
    federated_page,
    federated_queries,
    federation,
    page_window,
    search_page,
    search_parameters,
)

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE: Final = 5_000
TASK_POLL_MS: Final = 100
INDEX_NOT_FOUND: Final = "index_not_found"
INDEX_EXISTS: Final = frozenset({"index_already_exists"})


def _describe(error: Exception) -> str:
    if isinstance(error, MeilisearchApiError):
        code = error.code or f"http_{error.status_code}"
        return f"{code}: {error.message}"
    if isinstance(error, MeilisearchTimeoutError):
        return f"timeout: {error.message}"
    if isinstance(error, MeilisearchCommunicationError):
        return f"communication error: {error.message}"
    return f"{type(error).__name__}: {error}"


@contextmanager
def engine_errors(action: str) -> Iterator[None]:
    """Turn whatever the client or `requests` raises into SearchUnavailable."""
    try:
        yield
    except (MeilisearchError, requests.RequestException) as error:
        raise SearchUnavailable(f"Meilisearch {action} failed: {_describe(error)}") from error


def batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of at most `size` items, read lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class MeiliSearchBackend:
    """contract.SearchBackend on a Meilisearch server."""

    name = "meilisearch"
    in_process = False

    def __init__(
        self,
        url: str,
        api_key: str | None,
        index_uid: str = "clauses",
        timeout_s: float = 5.0,
        task_timeout_ms: int = 120_000,
        batch_size: int = DEFAULT_BATCH_SIZE,
        lexicon: Lexicon | None = None,
    ) -> None:
        # The client's default timeout (None) would let a hung server block a worker forever.
        # It types the timeout as whole seconds, so round up rather than lose it.
        self._client = meilisearch.Client(
            url.rstrip("/"), api_key or None, timeout=max(1, math.ceil(timeout_s))
        )
        self.index_uid = index_uid
        self._task_timeout_ms = task_timeout_ms
        self._batch_size = batch_size
        self.lexicon = lexicon

    # -- tasks --------------------------------------------------------------------------

    def _wait(self, task: TaskInfo, action: str, tolerated: frozenset[str] = frozenset()) -> None:
        """Wait for a task; a failed or canceled task raises SearchUnavailable with its code,
        unless the code is one of `tolerated`."""
        with engine_errors(f"{action} (task {task.task_uid})"):
            done = self._client.wait_for_task(
                task.task_uid,
                timeout_in_ms=self._task_timeout_ms,
                interval_in_ms=TASK_POLL_MS,
            )
        if done.status == "succeeded":
            return
        error = done.error or {}
        code = error.get("code", "unknown")
        if done.status == "failed" and code in tolerated:
            return
        message = error.get("message", "")
        raise SearchUnavailable(
            f"Meilisearch {action} task {done.uid} {done.status}: {code}: {message}"
        )

    def _index_exists(self, uid: str) -> bool:
        with engine_errors(f"lookup of index {uid}"):
            try:
                self._client.get_raw_index(uid)
            except MeilisearchApiError as error:
                if error.code == INDEX_NOT_FOUND:
                    return False
                raise
        return True

    def _create_index(self, uid: str) -> None:
        with engine_errors(f"creation of index {uid}"):
            task = self._client.create_index(uid, {"primaryKey": PRIMARY_KEY})
        # Another worker starting at the same time may have created it first.
        self._wait(task, f"creation of index {uid}", tolerated=INDEX_EXISTS)

    def _apply_settings(self, uid: str) -> None:
        with engine_errors(f"settings update of {uid}"):
            task = self._client.index(uid).update_settings(index_settings())
        self._wait(task, f"settings update of {uid}")

    def _add(self, uid: str, documents: Iterable[dict[str, Any]]) -> int:
        sent = 0
        index = self._client.index(uid)
        for batch in batches(stemmed_documents(documents), self._batch_size):
            with engine_errors(f"upsert into {uid}"):
                task = index.add_documents(batch, primary_key=PRIMARY_KEY)
            self._wait(task, f"upsert of {len(batch)} documents into {uid}")
            sent += len(batch)
        return sent

    def _delete_index(self, uid: str) -> None:
        with engine_errors(f"deletion of index {uid}"):
            task = self._client.delete_index(uid)
        self._wait(task, f"deletion of index {uid}")

    # -- SearchBackend ------------------------------------------------------------------

    def ensure_ready(self) -> None:
        """Create the index if missing (primary key `id`) and apply the settings."""
        if not self._index_exists(self.index_uid):
            self._create_index(self.index_uid)
        self._apply_settings(self.index_uid)

    def upsert(self, documents: list[dict[str, Any]]) -> None:
        """Add or replace documents by id, batch by batch, waiting for each task."""
        self._add(self.index_uid, documents)

    def delete(self, ids: list[str]) -> None:
        """Remove documents by id (unknown ids are ignored by the engine)."""
        index = self._client.index(self.index_uid)
        for batch in batches(ids, self._batch_size):
            with engine_errors(f"deletion from {self.index_uid}"), warnings.catch_warnings():
                # The client flags its `ids` argument as deprecated, but the server route it
                # calls (POST /documents/delete-batch) is documented and not deprecated, and
                # deleting by filter would need `id` to be filterable.
                warnings.simplefilter("ignore", DeprecationWarning)
                task = index.delete_documents([str(doc_id) for doc_id in batch])
            self._wait(task, f"deletion of {len(batch)} documents from {self.index_uid}")

    def rebuild(self, documents: Iterable[dict[str, Any]]) -> None:
        """Fill a fresh index, swap it with the live one, drop the old one.

        Settings go in before documents (so nothing is indexed twice) and the live index keeps
        answering until the swap, so there is no moment of empty results.
        """
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
        fresh = f"{self.index_uid}_rebuild_{stamp}"
        self._create_index(fresh)
        try:
            self._apply_settings(fresh)
            count = self._add(fresh, documents)
            if not self._index_exists(self.index_uid):
                self._create_index(self.index_uid)
            with engine_errors(f"swap of {self.index_uid} and {fresh}"):
                task = self._client.swap_indexes([{"indexes": [self.index_uid, fresh]}])
            self._wait(task, f"swap of {self.index_uid} and {fresh}")
        except SearchUnavailable:
            self._drop_quietly(fresh)
            raise
        # After the swap, `fresh` names the previous contents of the live index. Failing to
        # drop it leaves a stray index behind but the live one is already right.
        self._drop_quietly(fresh)
        logger.info("rebuilt Meilisearch index %s with %d documents", self.index_uid, count)

    def _drop_quietly(self, uid: str) -> None:
        try:
            self._delete_index(uid)
        except SearchUnavailable:
            logger.warning("could not delete Meilisearch index %s", uid, exc_info=True)

    def search(self, query: SearchQuery) -> SearchPage:
        """One page of hits with exact total and facet counts; never waits on a task.

        A query with terms runs as one federated multi-search (the query, its stems and its
        translations, see expansion.py); one without is a plain filtered listing.
        """
        window = page_window(query.offset, query.limit)
        parts = sub_queries(query.q, self.lexicon)
        if not parts:
            parameters = search_parameters(query, window)
            with engine_errors(f"search in {self.index_uid}"):
                answer = self._client.index(self.index_uid).search(query.q, parameters)
            return search_page(self._object(answer), query, window)
        queries = federated_queries(query, parts, self.index_uid)
        with engine_errors(f"multi-search in {self.index_uid}"):
            merged = self._client.multi_search(queries, federation(window, self.index_uid))
        return federated_page(self._object(merged), query, window, self.index_uid)

    @staticmethod
    def _object(answer: object) -> dict[str, Any]:
        if not isinstance(answer, dict):
            raise SearchUnavailable("Meilisearch search answered something other than an object")
        return answer

    def document_count(self) -> int:
        """numberOfDocuments from the index stats."""
        with engine_errors(f"stats of {self.index_uid}"):
            stats = self._client.index(self.index_uid).get_stats()
        return int(stats.number_of_documents)
