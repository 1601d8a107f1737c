"""SearchQuery -> Meilisearch search parameters, and a Meilisearch answer -> SearchPage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from app.search.contract import (
    FACETS,
    MARK_END,
    MARK_START,
    SearchHit,
    SearchPage,
    SearchQuery,
    SortOrder,
    field_suffix,
    language_of_field,
    searchable_fields,
)

from .expansion import SubQuery
from .filters import build_filter
from .settings import TEXT_FIELDS

CROP_WORDS: Final = 30
CROP_MARKER: Final = "…"
SORT_PARAMETERS: Final[dict[SortOrder, list[str]]] = {
    SortOrder.newest: ["sort_date:desc"],
    SortOrder.oldest: ["sort_date:asc"],
}

_RANK: Final[dict[str, int]] = {name: rank for rank, name in enumerate(searchable_fields())}


@dataclass(frozen=True)
class PageWindow:
    """Which Meilisearch page to ask for, and which slice of its hits is ours."""

    page: int
    hits_per_page: int
    skip: int
    keep: int


def page_window(offset: int, limit: int) -> PageWindow:
    """page/hitsPerPage for an offset/limit pair (page searches give an exact totalHits).

    Our API asks for offsets that are multiples of the limit; any other offset is served by
    fetching one larger first page and slicing it.
    """
    offset = max(offset, 0)
    if limit <= 0:
        return PageWindow(page=1, hits_per_page=0, skip=0, keep=0)
    if offset % limit == 0:
        return PageWindow(page=offset // limit + 1, hits_per_page=limit, skip=0, keep=limit)
    return PageWindow(page=1, hits_per_page=offset + limit, skip=offset, keep=limit)


def _shown_and_kept(query: SearchQuery) -> dict[str, Any]:
    """What every query asks for beside its text: marks, crops, filter and sort."""
    parameters: dict[str, Any] = {
        "attributesToHighlight": list(TEXT_FIELDS),
        "attributesToCrop": list(TEXT_FIELDS),
        "cropLength": CROP_WORDS,
        "cropMarker": CROP_MARKER,
        "highlightPreTag": MARK_START,
        "highlightPostTag": MARK_END,
        "showMatchesPosition": True,
    }
    expression = build_filter(query.filters)
    if expression is not None:
        parameters["filter"] = expression
    sort = SORT_PARAMETERS.get(query.sort)
    if sort is not None:
        parameters["sort"] = list(sort)
    return parameters


def search_parameters(query: SearchQuery, window: PageWindow) -> dict[str, Any]:
    """The body of POST /indexes/{uid}/search, without `q` (the client adds it): the plain
    search of a query with no terms (a listing, filtered and sorted)."""
    return {
        "page": window.page,
        "hitsPerPage": window.hits_per_page,
        "facets": list(FACETS),
        **_shown_and_kept(query),
        "matchingStrategy": "last",
    }


def federated_queries(
    query: SearchQuery, parts: list[SubQuery], index_uid: str
) -> list[dict[str, Any]]:
    """The `queries` of POST /multi-search: one per part, on one index, same filter and sort.

    `frequency` drops the most common words first when not every word matches (a long
    question keeps the words that say what it is about).
    """
    shared = _shown_and_kept(query)
    queries: list[dict[str, Any]] = []
    for part in parts:
        body: dict[str, Any] = {"indexUid": index_uid, "q": part.q, **shared}
        body["matchingStrategy"] = "frequency"
        if part.fields is not None:
            body["attributesToSearchOn"] = list(part.fields)
        body["federationOptions"] = {"weight": part.weight}
        queries.append(body)
    return queries


def federation(window: PageWindow, index_uid: str) -> dict[str, Any]:
    """The `federation` of POST /multi-search: one page of the merged hits, exact total, and
    the facets counted over every query's matches."""
    return {
        "page": window.page,
        "hitsPerPage": window.hits_per_page,
        "facetsByIndex": {index_uid: list(FACETS)},
    }


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _facets(distribution: object) -> dict[str, dict[str, int]]:
    counts = distribution if isinstance(distribution, Mapping) else {}
    facets: dict[str, dict[str, int]] = {}
    for name in FACETS:
        values = counts.get(name)
        if isinstance(values, Mapping):
            facets[name] = {str(value): _int(count) for value, count in values.items()}
        else:
            facets[name] = {}
    return facets


def match_counts(positions: object) -> dict[str, int]:
    """Matched terms per searchable field, from `_matchesPosition` (other fields ignored)."""
    counts: dict[str, int] = {}
    if not isinstance(positions, Mapping):
        return counts
    for key, matches in positions.items():
        # Positions inside arrays may be reported under a dotted path: keep the field.
        name = str(key).split(".", 1)[0]
        if name in _RANK and isinstance(matches, list):
            counts[name] = counts.get(name, 0) + len(matches)
    return counts


def best_field(counts: Mapping[str, int], original: str | None = None) -> str | None:
    """The field with most matches; ties go to the original language, then ranking order."""
    matched = [name for name, count in counts.items() if count > 0]
    if not matched:
        return None

    def key(name: str) -> tuple[int, int, int]:
        return (-counts[name], 0 if language_of_field(name) == original else 1, _RANK[name])

    return min(matched, key=key)


def _crop(text: str) -> str:
    words = text.split()
    if len(words) <= CROP_WORDS:
        return " ".join(words)
    return " ".join(words[:CROP_WORDS]) + CROP_MARKER


def _snippet(
    document: Mapping[str, Any],
    formatted: Mapping[str, Any],
    counts: Mapping[str, int],
    matched_language: str | None,
    original: str | None,
) -> str:
    text_counts = {name: n for name, n in counts.items() if name in TEXT_FIELDS}
    candidates: list[str] = []
    if matched_language is not None and text_counts.get(f"text_{matched_language}"):
        candidates.append(f"text_{matched_language}")
    best_text = best_field(text_counts, original)
    if best_text is not None:
        candidates.append(best_text)
    if original is not None:
        candidates.append(f"text_{original}")
    candidates.extend(TEXT_FIELDS)
    for name in candidates:
        shown = formatted.get(name)
        if isinstance(shown, str) and shown.strip():
            return shown
        raw = document.get(name)
        if isinstance(raw, str) and raw.strip():
            return _crop(raw)
    return ""


def search_hit(raw: Mapping[str, Any], q: str) -> SearchHit:
    """One Meilisearch hit -> SearchHit: the document, a marked snippet, the matched language."""
    document = {key: value for key, value in raw.items() if not str(key).startswith("_")}
    formatted_value = raw.get("_formatted")
    formatted: Mapping[str, Any] = formatted_value if isinstance(formatted_value, Mapping) else {}
    language = document.get("language")
    original = field_suffix(language) if isinstance(language, str) else None
    counts = match_counts(raw.get("_matchesPosition")) if q.strip() else {}
    best = best_field(counts, original)
    matched_language = language_of_field(best) if best is not None else None
    snippet = _snippet(document, formatted, counts, matched_language, original)
    return SearchHit(document=document, snippet=snippet, matched_language=matched_language)


def search_page(answer: Mapping[str, Any], query: SearchQuery, window: PageWindow) -> SearchPage:
    """A page/hitsPerPage search answer -> SearchPage (total is the exhaustive totalHits)."""
    raw_hits = answer.get("hits")
    hits = raw_hits if isinstance(raw_hits, list) else []
    ours = hits[window.skip : window.skip + window.keep]
    return SearchPage(
        hits=[search_hit(raw, query.q) for raw in ours if isinstance(raw, Mapping)],
        total=_int(answer.get("totalHits")),
        facets=_facets(answer.get("facetDistribution")),
    )


def federated_page(
    answer: Mapping[str, Any], query: SearchQuery, window: PageWindow, index_uid: str
) -> SearchPage:
    """A federated page/hitsPerPage answer -> SearchPage: the facets are the index's."""
    by_index = answer.get("facetsByIndex")
    ours = by_index.get(index_uid) if isinstance(by_index, Mapping) else None
    distribution = ours.get("distribution") if isinstance(ours, Mapping) else None
    return search_page({**answer, "facetDistribution": distribution}, query, window)
