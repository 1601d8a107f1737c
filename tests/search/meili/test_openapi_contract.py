"""Every request the adapter makes, checked against Meilisearch's OpenAPI 1.53.0 document.

No Meilisearch server runs here: the client's HTTP calls are captured (see canned.py) and each
one must match a documented operation, its parameters and its request-body schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from app.search.contract import FACETS, MARK_END, MARK_START, SearchFilters, SearchQuery, SortOrder
from app.search.meili import MeiliSearchBackend
from app.search.meili.filters import build_filter
from app.search.meili.settings import INDEX_SETTINGS, TEXT_FIELDS

from .canned import CannedMeili
from .conftest import API_KEY
from .openapi_check import Captured, ContractViolationError, OpenApi, spec_path
from .samples import clause_document

TASK = "GET /tasks/{task_id}"
DOCUMENTS = "POST /indexes/{index_uid}/documents"

FILTER_CASES = {
    "default": SearchFilters(),
    "none": SearchFilters(visibility=()),
    "every-field": SearchFilters(
        themes=("5", "7"),
        subthemes=("5.3",),
        lifecycle=("use",),
        country=("FR", "BR"),
        region=("EUR",),
        sector=('Nurses "and" midwives', "Back\\slash"),
        language=("fr", "zh-Hans"),
        kind=("negotiated",),
        visibility=("public", "affiliates"),
        year_from=2019,
        year_to=2023,
    ),
    "year-from-only": SearchFilters(year_from=2020),
}


def test_ensure_ready_creates_a_missing_index_then_applies_settings(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    canned.missing_indexes.add("clauses")
    meili_backend.ensure_ready()
    assert openapi.validate_all(canned.requests) == [
        "GET /indexes/{index_uid}",
        "POST /indexes",
        TASK,
        "PATCH /indexes/{index_uid}/settings",
        TASK,
    ]
    assert canned.bodies("create_index") == [{"uid": "clauses", "primaryKey": "id"}]
    assert canned.bodies("settings") == [INDEX_SETTINGS]


def test_ensure_ready_on_an_existing_index_only_applies_settings(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    meili_backend.ensure_ready()
    assert openapi.validate_all(canned.requests) == [
        "GET /indexes/{index_uid}",
        "PATCH /indexes/{index_uid}/settings",
        TASK,
    ]


def test_upsert_sends_batches_and_waits_for_each_task(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    meili_backend.upsert([clause_document(number) for number in range(12)])
    assert openapi.validate_all(canned.requests) == [DOCUMENTS, TASK] * 3
    assert [len(batch) for batch in canned.bodies("add_documents")] == [5, 5, 2]
    additions = [r for r in canned.requests if r.method == "POST"]
    assert all(r.query == {"primaryKey": ["id"]} for r in additions)


def test_nothing_to_upsert_or_delete_sends_nothing(
    canned: CannedMeili, meili_backend: MeiliSearchBackend
) -> None:
    meili_backend.upsert([])
    meili_backend.delete([])
    assert canned.requests == []


def test_delete_sends_ids_to_the_batch_deletion_route(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    ids = [f"clause-{number}" for number in range(7)]
    meili_backend.delete(ids)
    route = "POST /indexes/{index_uid}/documents/delete-batch"
    assert openapi.validate_all(canned.requests) == [route, TASK] * 2
    assert canned.bodies("delete_documents") == [ids[:5], ids[5:]]


def _documents(count: int) -> Iterator[dict[str, Any]]:
    return (clause_document(number) for number in range(count))


def test_rebuild_fills_a_fresh_index_with_settings_first_then_swaps_and_drops_the_old(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    meili_backend.rebuild(_documents(7))
    assert openapi.validate_all(canned.requests) == [
        "POST /indexes",
        TASK,
        "PATCH /indexes/{index_uid}/settings",
        TASK,
        DOCUMENTS,
        TASK,
        DOCUMENTS,
        TASK,
        "GET /indexes/{index_uid}",
        "POST /swap-indexes",
        TASK,
        "DELETE /indexes/{index_uid}",
        TASK,
    ]
    fresh = canned.bodies("create_index")[0]["uid"]
    assert re.fullmatch(r"clauses_rebuild_\d{20}", fresh)
    paths = [r.path for r in canned.requests if r.method in ("PATCH", "POST")][1:4]
    assert paths == [f"/indexes/{fresh}/settings", *[f"/indexes/{fresh}/documents"] * 2]
    assert canned.bodies("swap") == [[{"indexes": ["clauses", fresh]}]]
    assert canned.requests[-2].path == f"/indexes/{fresh}"


def test_rebuild_creates_the_live_index_before_swapping_when_it_is_missing(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    canned.missing_indexes.add("clauses")
    meili_backend.rebuild(_documents(3))
    operations = openapi.validate_all(canned.requests)
    assert operations[6:11] == [
        "GET /indexes/{index_uid}",
        "POST /indexes",
        TASK,
        "POST /swap-indexes",
        TASK,
    ]
    assert [body["uid"] for body in canned.bodies("create_index")][1] == "clauses"


@pytest.mark.parametrize("sort", list(SortOrder))
@pytest.mark.parametrize("case", list(FILTER_CASES))
@pytest.mark.parametrize("q", ["", "-cctv"])
def test_a_listing_matches_the_documented_search_body(
    canned: CannedMeili,
    meili_backend: MeiliSearchBackend,
    openapi: OpenApi,
    sort: SortOrder,
    case: str,
    q: str,
) -> None:
    filters = FILTER_CASES[case]
    meili_backend.search(SearchQuery(q=q, filters=filters, sort=sort, offset=40, limit=20))
    assert openapi.validate_all(canned.requests) == ["POST /indexes/{index_uid}/search"]
    body = canned.requests[0].body
    assert body["q"] == q
    assert (body["page"], body["hitsPerPage"]) == (3, 20)
    assert body.get("filter") == build_filter(filters)
    expected_sort = {"newest": ["sort_date:desc"], "oldest": ["sort_date:asc"]}.get(sort.value)
    assert body.get("sort") == expected_sort
    assert body["facets"] == list(FACETS)
    assert body["attributesToCrop"] == body["attributesToHighlight"] == list(TEXT_FIELDS)
    assert (body["highlightPreTag"], body["highlightPostTag"]) == (MARK_START, MARK_END)
    assert body["showMatchesPosition"] is True
    assert body["matchingStrategy"] == "last"


def test_search_with_an_offset_off_the_page_grid_asks_for_one_larger_page(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    canned.search_hits = [{"id": f"c{n}", "language": "en"} for n in range(15)]
    canned.total_hits = 15
    page = meili_backend.search(SearchQuery(q="", offset=5, limit=10))
    openapi.validate_all(canned.requests)
    body = canned.requests[0].body
    assert (body["page"], body["hitsPerPage"]) == (1, 15)
    assert [hit.document["id"] for hit in page.hits] == [f"c{n}" for n in range(5, 15)]


def test_search_never_waits_on_a_task(
    canned: CannedMeili, meili_backend: MeiliSearchBackend
) -> None:
    meili_backend.search(SearchQuery(q="cctv"))
    meili_backend.search(SearchQuery(q=""))
    assert canned.routes() == ["POST multi_search", "POST search"]


def test_document_count_reads_the_index_stats(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    canned.number_of_documents = 4321
    assert meili_backend.document_count() == 4321
    assert openapi.validate_all(canned.requests) == ["GET /indexes/{index_uid}/stats"]


def test_every_request_carries_an_http_timeout_and_the_api_key(
    canned: CannedMeili, openapi: OpenApi
) -> None:
    backend = MeiliSearchBackend(canned.base_url, API_KEY, timeout_s=2.5, batch_size=2)
    backend.ensure_ready()
    backend.upsert([clause_document(1)])
    backend.search(SearchQuery(q="ai"))
    backend.document_count()
    openapi.validate_all(canned.requests)
    assert {r.timeout for r in canned.requests} == {3}
    assert {r.headers["Authorization"] for r in canned.requests} == {f"Bearer {API_KEY}"}


# -- the validator itself must be able to fail (negative controls) ------------------------


def _search(body: dict[str, Any]) -> Captured:
    headers = {"Content-Type": "application/json"}
    return Captured("POST", "/indexes/clauses/search", body=body, headers=headers)


def test_validator_accepts_a_well_formed_search_body(openapi: OpenApi) -> None:
    body = {"q": "telework", "page": 1, "hitsPerPage": 20, "facets": ["country"]}
    assert openapi.validate(_search(body)) == "POST /indexes/{index_uid}/search"


def test_validator_rejects_a_misspelt_search_parameter(openapi: OpenApi) -> None:
    with pytest.raises(ContractViolationError, match="hitsPerPge"):
        openapi.validate(_search({"q": "telework", "hitsPerPge": 20}))


def test_validator_rejects_facets_given_as_attribute_patterns(openapi: OpenApi) -> None:
    with pytest.raises(ContractViolationError, match="facets"):
        openapi.validate(_search({"q": "", "facets": {"patterns": ["country"]}}))


def test_validator_rejects_a_misspelt_nested_setting(openapi: OpenApi) -> None:
    settings = {"typoTolerance": {"minWordSizeForTypo": {"oneTypo": 5}}}
    request = Captured(
        "PATCH",
        "/indexes/clauses/settings",
        body=settings,
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(ContractViolationError, match="minWordSizeForTypo"):
        openapi.validate(request)


def test_validator_rejects_an_undocumented_path(openapi: OpenApi) -> None:
    with pytest.raises(ContractViolationError, match="no such operation"):
        openapi.validate(Captured("POST", "/indexes/clauses/serch", body={"q": ""}))


def test_validator_rejects_a_method_the_path_does_not_have(openapi: OpenApi) -> None:
    with pytest.raises(ContractViolationError, match="no such operation"):
        openapi.validate(Captured("GET", "/swap-indexes"))


def test_validator_rejects_an_undeclared_query_parameter(openapi: OpenApi) -> None:
    request = Captured(
        "POST",
        "/indexes/clauses/documents",
        query={"primaryKy": ["id"]},
        body=[],
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(ContractViolationError, match="primaryKy"):
        openapi.validate(request)


def test_validator_rejects_a_body_on_a_route_that_takes_none(openapi: OpenApi) -> None:
    request = Captured("DELETE", "/indexes/clauses", body={"uid": "clauses"})
    with pytest.raises(ContractViolationError, match="none is declared"):
        openapi.validate(request)


def test_known_gaps_are_patched_in_memory_not_in_the_file(openapi: OpenApi) -> None:
    on_disk = json.loads(spec_path().read_text(encoding="utf-8"))["components"]["schemas"]
    assert "additionalProperties" not in on_disk["SearchQuery"]
    assert openapi.schema("SearchQuery")["additionalProperties"] is False
    assert openapi.schema("Settings_Unchecked")["additionalProperties"] is False


def test_validator_rejects_a_canned_answer_of_the_wrong_shape(openapi: OpenApi) -> None:
    request = _search({"q": "telework"})
    request.status, request.answer = 200, {"hits": [], "estimatedTotal": 3}
    with pytest.raises(ContractViolationError, match="canned 200 answer"):
        openapi.validate(request)
