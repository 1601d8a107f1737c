"""Mapping Meilisearch answers to SearchPage: documents, snippets, matched language, facets."""

from __future__ import annotations

from typing import Any

import pytest

from app.search.contract import FACETS, MARK_END, MARK_START, SearchQuery
from app.search.meili import MeiliSearchBackend
from app.search.meili.translate import (
    CROP_WORDS,
    PageWindow,
    best_field,
    match_counts,
    page_window,
    search_hit,
    search_page,
)

from .canned import CannedMeili
from .openapi_check import OpenApi

FRENCH_TEXT = "Les agents en télétravail reçoivent une indemnité mensuelle pour leur matériel."
ENGLISH_TEXT = "Staff who telework receive a monthly allowance for their equipment."


def marked(word: str) -> str:
    return f"{MARK_START}{word}{MARK_END}"


def french_hit() -> dict[str, Any]:
    """A hit as Meilisearch returns it: document, `_formatted`, `_matchesPosition`."""
    return {
        "id": "fr-0001",
        "language": "fr",
        "title": "Télétravail des agents",
        "title_fr": "Télétravail des agents",
        "text_fr": FRENCH_TEXT,
        "text_en": ENGLISH_TEXT,
        "labels_fr": "Télétravail; Temps de travail",
        "_formatted": {
            "title_fr": "Télétravail des agents",
            "text_fr": f"Les agents en {marked('télétravail')} reçoivent une indemnité…",
            "text_en": f"Staff who {marked('telework')} receive a monthly allowance…",
        },
        "_matchesPosition": {
            "title_fr": [{"start": 0, "length": 12}],
            "labels_fr": [{"start": 0, "length": 12}],
            "text_fr": [{"start": 14, "length": 12}],
            "text_en": [{"start": 10, "length": 8}],
        },
    }


def answer(hits: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "hits": hits,
        "query": "télétravail",
        "processingTimeMs": 3,
        "hitsPerPage": 20,
        "page": 1,
        "totalPages": 1,
        "totalHits": 57,
        "facetDistribution": {"country": {"FR": 40, "BE": 17}, "year": {"2021": 57}},
        "facetStats": {"year": {"min": 2021, "max": 2021}},
    }


def test_the_document_comes_back_without_meilisearch_extras() -> None:
    hit = search_hit(french_hit(), "télétravail")
    assert "_formatted" not in hit.document
    assert "_matchesPosition" not in hit.document
    assert hit.document["text_fr"] == FRENCH_TEXT


def test_the_language_with_most_matches_is_the_matched_language() -> None:
    hit = search_hit(french_hit(), "télétravail")
    assert hit.matched_language == "fr"
    assert hit.snippet == f"Les agents en {marked('télétravail')} reçoivent une indemnité…"


def test_a_match_in_a_translation_gives_its_language_and_snippet() -> None:
    raw = french_hit()
    raw["_matchesPosition"] = {"text_en": [{"start": 10, "length": 8}]}
    hit = search_hit(raw, "telework")
    assert hit.matched_language == "en"
    assert hit.snippet.startswith(f"Staff who {marked('telework')}")


def test_a_tie_between_languages_goes_to_the_original() -> None:
    counts = {"text_en": 2, "text_fr": 2}
    assert best_field(counts, original="fr") == "text_fr"
    assert best_field(counts, original="de") == "text_en"


def test_a_tie_within_one_language_goes_to_the_title() -> None:
    assert best_field({"text_fr": 1, "title_fr": 1, "labels_fr": 1}) == "title_fr"


def test_a_title_only_match_still_shows_the_original_text() -> None:
    raw = french_hit()
    raw["_matchesPosition"] = {"title_fr": [{"start": 0, "length": 12}]}
    hit = search_hit(raw, "télétravail")
    assert hit.matched_language == "fr"
    assert hit.snippet == raw["_formatted"]["text_fr"]


def test_an_empty_query_has_no_matched_language_and_shows_the_original_text() -> None:
    raw = french_hit()
    raw["_matchesPosition"] = {}
    hit = search_hit(raw, "")
    assert hit.matched_language is None
    assert hit.snippet == raw["_formatted"]["text_fr"]


def test_matches_outside_the_searchable_fields_are_ignored() -> None:
    positions = {"title": [{"start": 0, "length": 3}], "sector": [{"start": 0, "length": 3}]}
    assert match_counts(positions) == {}


def test_matches_inside_an_array_count_for_their_field() -> None:
    positions = {
        "labels_de.0": [{"start": 0, "length": 3}],
        "labels_de.2": [{"start": 1, "length": 2}],
    }
    assert match_counts(positions) == {"labels_de": 2}


def test_without_formatted_text_the_raw_text_is_cropped() -> None:
    raw = french_hit()
    del raw["_formatted"]
    raw["text_fr"] = " ".join(f"mot{number}" for number in range(50))
    hit = search_hit(raw, "")
    assert hit.snippet.split() == [f"mot{n}" for n in range(CROP_WORDS - 1)] + [
        f"mot{CROP_WORDS - 1}…"
    ]


def test_a_hit_with_no_text_at_all_has_an_empty_snippet() -> None:
    hit = search_hit({"id": "bare", "language": "vi"}, "anything")
    assert (hit.snippet, hit.matched_language) == ("", None)


def test_total_is_the_exhaustive_total_hits() -> None:
    page = search_page(answer([french_hit()]), SearchQuery(q="x"), page_window(0, 20))
    assert page.total == 57


def test_every_facet_is_present_and_empty_when_the_engine_has_none() -> None:
    page = search_page(answer([]), SearchQuery(q="x"), page_window(0, 20))
    assert set(page.facets) == set(FACETS)
    assert page.facets["country"] == {"FR": 40, "BE": 17}
    assert page.facets["year"] == {"2021": 57}
    assert page.facets["themes"] == {}


@pytest.mark.parametrize(
    ("offset", "limit", "window"),
    [
        (0, 20, PageWindow(page=1, hits_per_page=20, skip=0, keep=20)),
        (40, 20, PageWindow(page=3, hits_per_page=20, skip=0, keep=20)),
        (5, 10, PageWindow(page=1, hits_per_page=15, skip=5, keep=10)),
        (-3, 10, PageWindow(page=1, hits_per_page=10, skip=0, keep=10)),
        (0, 0, PageWindow(page=1, hits_per_page=0, skip=0, keep=0)),
    ],
)
def test_offset_and_limit_become_a_page_window(offset: int, limit: int, window: PageWindow) -> None:
    assert page_window(offset, limit) == window


def test_the_backend_maps_a_documented_search_answer(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    canned.search_hits = [french_hit()]
    canned.total_hits = 57
    canned.facet_distribution = {"language": {"fr": 57}}
    page = meili_backend.search(SearchQuery(q="télétravail"))
    openapi.validate_all(canned.requests)  # the canned answer has the documented shape too
    assert page.total == 57
    assert page.facets["language"] == {"fr": 57}
    assert [(hit.document["id"], hit.matched_language) for hit in page.hits] == [("fr-0001", "fr")]
    assert MARK_START in page.hits[0].snippet
