"""Intercepts the HTTP calls of the `meilisearch` client and answers with canned JSON.

The client sends everything through module-level `requests.get/post/put/patch/delete`, so
patching those captures each request exactly as it would leave the process. The answers only
have the documented shapes the client needs to proceed (tasks, index info, stats, an echo of the
page asked for): this is a recorder, not a search engine, and proves nothing about results.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, Final
from urllib.parse import urlsplit

import pytest
import requests

from .openapi_check import NO_BODY, Captured, query_of

BASE_URL: Final = "http://meili.invalid:7700"
ENQUEUED_AT: Final = "2025-03-04T05:06:07.123456Z"  # the client needs fractional seconds

ROUTES: Final[tuple[tuple[str, re.Pattern[str], str], ...]] = tuple(
    (method, re.compile(pattern), name)
    for method, pattern, name in (
        ("GET", r"/indexes/(?P<uid>[^/]+)", "get_index"),
        ("POST", r"/indexes", "create_index"),
        ("DELETE", r"/indexes/(?P<uid>[^/]+)", "delete_index"),
        ("PATCH", r"/indexes/(?P<uid>[^/]+)/settings", "settings"),
        ("POST", r"/indexes/(?P<uid>[^/]+)/documents", "add_documents"),
        ("POST", r"/indexes/(?P<uid>[^/]+)/documents/delete-batch", "delete_documents"),
        ("POST", r"/indexes/(?P<uid>[^/]+)/search", "search"),
        ("POST", r"/multi-search", "multi_search"),
        ("GET", r"/indexes/(?P<uid>[^/]+)/stats", "stats"),
        ("POST", r"/swap-indexes", "swap"),
        ("GET", r"/tasks/(?P<task>\d+)", "get_task"),
    )
)

TASK_KINDS: Final = {
    "create_index": "indexCreation",
    "delete_index": "indexDeletion",
    "settings": "settingsUpdate",
    "add_documents": "documentAdditionOrUpdate",
    "delete_documents": "documentDeletion",
    "swap": "indexSwap",
}


def error_body(
    code: str, message: str = "refused", kind: str = "invalid_request"
) -> dict[str, str]:
    """A Meilisearch error object (`message`, `code`, `type`, `link`)."""
    link = f"https://docs.meilisearch.com/errors#{code}"
    return {"message": message, "code": code, "type": kind, "link": link}


def _response(status: int, payload: Any, url: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(payload).encode("utf-8")
    response.headers["Content-Type"] = "application/json"
    response.encoding = "utf-8"
    response.url = url
    response.reason = HTTPStatus(status).phrase
    return response


class CannedMeili:
    """Records requests; answers them by route. Set the attributes to steer the answers."""

    def __init__(self) -> None:
        self.base_url = BASE_URL
        self.requests: list[Captured] = []
        self.missing_indexes: set[str] = set()
        self.failing_tasks: dict[str, dict[str, str]] = {}  # task kind -> error object
        self.stuck_tasks: set[str] = set()  # task kinds that stay `processing`
        self.api_errors: dict[str, tuple[int, dict[str, str]]] = {}  # route -> answer
        self.transport_error: Exception | None = None
        self.search_hits: list[dict[str, Any]] = []
        self.total_hits = 0
        self.facet_distribution: dict[str, dict[str, int]] = {}
        self.number_of_documents = 0
        self._tasks: dict[int, tuple[str, str | None]] = {}

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for method in ("get", "post", "put", "patch", "delete"):
            monkeypatch.setattr(requests, method, self._sender(method))

    def _sender(self, method: str) -> Callable[..., requests.Response]:
        def send(
            url: str,
            timeout: Any = None,
            headers: dict[str, str] | None = None,
            data: Any = None,
            **_: Any,
        ) -> requests.Response:
            return self._handle(method.upper(), url, timeout, dict(headers or {}), data)

        # The client tells GET apart by the function's name.
        send.__name__ = method
        return send

    def routes(self) -> list[str]:
        """`METHOD route-name` of every request so far, in order."""
        return [f"{r.method} {self._route(r.method, r.path)[0]}" for r in self.requests]

    def bodies(self, route: str) -> list[Any]:
        """The bodies sent to one route, in order."""
        return [r.body for r in self.requests if self._route(r.method, r.path)[0] == route]

    @staticmethod
    def _route(method: str, path: str) -> tuple[str, dict[str, str]]:
        for route_method, pattern, name in ROUTES:
            match = pattern.fullmatch(path)
            if route_method == method and match:
                return name, match.groupdict()
        return "unknown", {}

    def _handle(
        self, method: str, url: str, timeout: Any, headers: dict[str, str], data: Any
    ) -> requests.Response:
        parts = urlsplit(url)
        body: Any = NO_BODY if data in (None, "", b"") else json.loads(data)
        request = Captured(method, parts.path, query_of(parts.query), body, headers, timeout)
        self.requests.append(request)
        if self.transport_error is not None:
            raise self.transport_error
        status, answer = self._answer(request)
        request.status, request.answer = status, answer
        return _response(status, answer, url)

    def _answer(self, request: Captured) -> tuple[int, Any]:
        route, values = self._route(request.method, request.path)
        if route in self.api_errors:
            return self.api_errors[route]
        if route in TASK_KINDS:
            return 202, self._enqueue(TASK_KINDS[route], values.get("uid"))
        if route == "get_task":
            return self._task(int(values["task"]))
        if route == "get_index":
            if values["uid"] in self.missing_indexes:
                return 404, error_body("index_not_found", f"Index `{values['uid']}` not found.")
            return 200, {
                "uid": values["uid"],
                "createdAt": ENQUEUED_AT,
                "updatedAt": ENQUEUED_AT,
                "primaryKey": "id",
            }
        if route == "search":
            return 200, self._search_answer(request.body)
        if route == "multi_search":
            return 200, self._federated_answer(request.body)
        if route == "stats":
            return 200, {
                "numberOfDocuments": self.number_of_documents,
                "indexSize": 0,
                "usedIndexSize": 0,
                "rawDocumentDbSize": 0,
                "avgDocumentSize": 0,
                "isIndexing": False,
                "fieldDistribution": {},
            }
        return 404, error_body("bad_request", "no such route")

    def _enqueue(self, kind: str, index_uid: str | None) -> dict[str, Any]:
        uid = len(self._tasks)
        self._tasks[uid] = (kind, index_uid)
        return {
            "taskUid": uid,
            "indexUid": index_uid,
            "status": "enqueued",
            "type": kind,
            "enqueuedAt": ENQUEUED_AT,
        }

    def _task(self, uid: int) -> tuple[int, Any]:
        if uid not in self._tasks:
            return 404, error_body("task_not_found", f"Task `{uid}` not found.")
        kind, index_uid = self._tasks[uid]
        task: dict[str, Any] = {
            "uid": uid,
            "batchUid": uid,
            "indexUid": index_uid,
            "status": "succeeded",
            "type": kind,
            "details": {},
            "error": None,
            "canceledBy": None,
            "duration": "PT0.001S",
            "enqueuedAt": ENQUEUED_AT,
            "startedAt": ENQUEUED_AT,
            "finishedAt": ENQUEUED_AT,
        }
        if kind in self.stuck_tasks:
            task.update(status="processing", duration=None)
            del task["finishedAt"]
        elif kind in self.failing_tasks:
            task.update(status="failed", error=self.failing_tasks[kind])
        return 200, task

    def _search_answer(self, body: Any) -> dict[str, Any]:
        asked = body if isinstance(body, dict) else {}
        page = int(asked.get("page") or 1)
        per_page = int(asked.get("hitsPerPage") or 0)
        return {
            "hits": self.search_hits,
            "query": asked.get("q") or "",
            "processingTimeMs": 1,
            "hitsPerPage": per_page,
            "page": page,
            "totalPages": math.ceil(self.total_hits / per_page) if per_page else 0,
            "totalHits": self.total_hits,
            "facetDistribution": self.facet_distribution,
            "facetStats": {},
        }

    def _federated_answer(self, body: Any) -> dict[str, Any]:
        asked = body if isinstance(body, dict) else {}
        federation = asked.get("federation") or {}
        page = int(federation.get("page") or 1)
        per_page = int(federation.get("hitsPerPage") or 0)
        facets = {
            uid: {"distribution": self.facet_distribution, "stats": {}}
            for uid in federation.get("facetsByIndex") or {}
        }
        return {
            "hits": self.search_hits,
            "processingTimeMs": 1,
            "hitsPerPage": per_page,
            "page": page,
            "totalPages": math.ceil(self.total_hits / per_page) if per_page else 0,
            "totalHits": self.total_hits,
            "facetsByIndex": facets,
        }
