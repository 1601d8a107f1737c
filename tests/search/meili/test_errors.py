"""Every way the engine can fail surfaces as SearchUnavailable, with Meilisearch's error code."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from app.search.contract import SearchQuery, SearchUnavailable
from app.search.meili import MeiliSearchBackend

from .canned import CannedMeili, error_body
from .openapi_check import OpenApi
from .samples import clause_document

OPERATIONS: dict[str, Callable[[MeiliSearchBackend], object]] = {
    "ensure_ready": lambda backend: backend.ensure_ready(),
    "upsert": lambda backend: backend.upsert([clause_document(1)]),
    "delete": lambda backend: backend.delete(["clause-0001"]),
    "rebuild": lambda backend: backend.rebuild([clause_document(1)]),
    "search": lambda backend: backend.search(SearchQuery(q="cctv")),
    "listing": lambda backend: backend.search(SearchQuery(q="")),
    "document_count": lambda backend: backend.document_count(),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_a_refused_connection_is_search_unavailable(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, operation: str
) -> None:
    canned.transport_error = requests.exceptions.ConnectionError("connection refused")
    with pytest.raises(SearchUnavailable, match="communication error"):
        OPERATIONS[operation](meili_backend)


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_an_http_timeout_is_search_unavailable(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, operation: str
) -> None:
    canned.transport_error = requests.exceptions.ReadTimeout("read timed out")
    with pytest.raises(SearchUnavailable, match="timeout"):
        OPERATIONS[operation](meili_backend)


def test_an_unexpected_transport_error_is_search_unavailable(
    canned: CannedMeili, meili_backend: MeiliSearchBackend
) -> None:
    canned.transport_error = requests.exceptions.ChunkedEncodingError("truncated answer")
    with pytest.raises(SearchUnavailable, match="ChunkedEncodingError"):
        meili_backend.search(SearchQuery(q="cctv"))


@pytest.mark.parametrize(("route", "q"), [("multi_search", "cctv"), ("search", "")])
def test_an_api_error_on_search_keeps_the_meilisearch_code(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, route: str, q: str
) -> None:
    canned.api_errors[route] = (400, error_body("invalid_search_filter", "bad filter"))
    with pytest.raises(SearchUnavailable, match="invalid_search_filter"):
        meili_backend.search(SearchQuery(q=q))


def test_a_missing_index_on_count_is_search_unavailable(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    canned.api_errors["stats"] = (404, error_body("index_not_found", "no index"))
    with pytest.raises(SearchUnavailable, match="index_not_found"):
        meili_backend.document_count()
    openapi.validate_all(canned.requests)


def test_a_failed_document_task_is_search_unavailable_with_its_code(
    canned: CannedMeili, meili_backend: MeiliSearchBackend
) -> None:
    canned.failing_tasks["documentAdditionOrUpdate"] = error_body("invalid_document_id", "bad id")
    with pytest.raises(SearchUnavailable, match="failed: invalid_document_id"):
        meili_backend.upsert([clause_document(1)])


def test_a_failed_settings_task_stops_ensure_ready(
    canned: CannedMeili, meili_backend: MeiliSearchBackend
) -> None:
    canned.failing_tasks["settingsUpdate"] = error_body("invalid_settings_ranking_rules")
    with pytest.raises(SearchUnavailable, match="invalid_settings_ranking_rules"):
        meili_backend.ensure_ready()


def test_a_task_that_never_finishes_is_search_unavailable(canned: CannedMeili) -> None:
    backend = MeiliSearchBackend(canned.base_url, None, task_timeout_ms=1)
    canned.stuck_tasks.add("documentDeletion")
    with pytest.raises(SearchUnavailable, match="timeout"):
        backend.delete(["clause-0001"])


def test_an_index_lookup_refused_for_another_reason_creates_nothing(
    canned: CannedMeili, meili_backend: MeiliSearchBackend
) -> None:
    canned.api_errors["get_index"] = (403, error_body("invalid_api_key", "no", "auth"))
    with pytest.raises(SearchUnavailable, match="invalid_api_key"):
        meili_backend.ensure_ready()
    assert canned.routes() == ["GET get_index"]


def test_a_failed_rebuild_drops_the_fresh_index_and_never_swaps(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    canned.failing_tasks["documentAdditionOrUpdate"] = error_body("invalid_document_id")
    with pytest.raises(SearchUnavailable, match="invalid_document_id"):
        meili_backend.rebuild([clause_document(1)])
    openapi.validate_all(canned.requests)
    fresh = canned.bodies("create_index")[0]["uid"]
    assert "POST swap" not in canned.routes()
    assert canned.routes()[-2:] == ["DELETE delete_index", "GET get_task"]
    assert canned.requests[-2].path == f"/indexes/{fresh}"


def test_a_failed_swap_leaves_the_live_index_alone(
    canned: CannedMeili, meili_backend: MeiliSearchBackend
) -> None:
    canned.failing_tasks["indexSwap"] = error_body("index_not_found")
    with pytest.raises(SearchUnavailable, match="swap"):
        meili_backend.rebuild([clause_document(1)])
    deleted = [r.path for r in canned.requests if r.method == "DELETE"]
    assert deleted == [f"/indexes/{canned.bodies('create_index')[0]['uid']}"]


def test_an_index_created_meanwhile_by_another_worker_is_not_an_error(
    canned: CannedMeili, meili_backend: MeiliSearchBackend
) -> None:
    canned.missing_indexes.add("clauses")
    canned.failing_tasks["indexCreation"] = error_body("index_already_exists", "exists")
    meili_backend.ensure_ready()
    assert canned.routes()[-2:] == ["PATCH settings", "GET get_task"]
