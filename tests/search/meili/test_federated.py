"""A query with terms goes to Meilisearch as one federated multi-search: the query without its
stop words, its stems per language, its translations per language; each request checked
against the OpenAPI document, each answer read back into a page.

No server runs here: this proves what is sent and how answers are read, not what a real
Meilisearch ranks (that is the behaviour suite's run with COMMONS_MEILI_URL).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.search.contract import FACETS, MARK_END, MARK_START, SearchQuery, SortOrder
from app.search.meili import MeiliSearchBackend
from app.search.meili.expansion import STEM_WEIGHT, TRANSLATION_WEIGHT, SubQuery, sub_queries
from app.search.meili.filters import build_filter
from app.search.meili.stems import with_stems
from tests.search.dictionaries.fixtures import union_lexicon

from .canned import CannedMeili
from .conftest import API_KEY
from .openapi_check import OpenApi
from .test_openapi_contract import FILTER_CASES

MULTI_SEARCH = "POST /multi-search"


def _sent(canned: CannedMeili) -> dict[str, Any]:
    [body] = canned.bodies("multi_search")
    assert isinstance(body, dict)
    return body


def _by_fields(parts: list[SubQuery]) -> dict[tuple[str, ...] | None, SubQuery]:
    return {part.fields: part for part in parts}


@pytest.mark.parametrize("sort", list(SortOrder))
@pytest.mark.parametrize("case", list(FILTER_CASES))
def test_the_multi_search_matches_the_documented_body(
    canned: CannedMeili,
    meili_backend: MeiliSearchBackend,
    openapi: OpenApi,
    sort: SortOrder,
    case: str,
) -> None:
    filters = FILTER_CASES[case]
    query = SearchQuery(q="the workers are monitored", filters=filters, sort=sort, offset=40)
    meili_backend.search(query)
    assert openapi.validate_all(canned.requests) == [MULTI_SEARCH]
    body = _sent(canned)
    assert body["federation"] == {
        "page": 3,
        "hitsPerPage": 20,
        "facetsByIndex": {"clauses": list(FACETS)},
    }
    expected_sort = {"newest": ["sort_date:desc"], "oldest": ["sort_date:asc"]}.get(sort.value)
    assert len(body["queries"]) >= 2
    for sent in body["queries"]:
        assert sent["indexUid"] == "clauses"
        assert sent.get("filter") == build_filter(filters)
        assert sent.get("sort") == expected_sort
        assert sent["matchingStrategy"] == "frequency"
        assert (sent["highlightPreTag"], sent["highlightPostTag"]) == (MARK_START, MARK_END)
        assert "facets" not in sent  # the server refuses them inside a federation
        assert "page" not in sent


def test_the_query_itself_searches_every_field_without_its_stop_words() -> None:
    main = sub_queries("the workers are monitored by the employer", None)[0]
    assert main == SubQuery("workers monitored employer")


def test_the_last_word_stays_a_prefix_only_where_the_query_ends_on_it() -> None:
    assert sub_queries("data protec", None)[0].q == "data protec"
    assert sub_queries("data protec ", None)[0].q == "data protec "


def test_phrases_exclusions_and_unspaced_runs_keep_their_syntax() -> None:
    main = sub_queries('"right to disconnect" つながらない権利 -cctv -"body camera"', None)[0]
    assert main.q == '"right to disconnect" つながらない 権利 -cctv -"body camera" '


def test_a_query_of_stop_words_alone_keeps_them() -> None:
    assert sub_queries("the", None)[0].q == "the"


def test_a_query_without_terms_is_a_plain_listing() -> None:
    assert sub_queries("", None) == []
    assert sub_queries("-cctv", None) == []


def test_stems_go_to_the_stems_field_of_the_guessed_language_weighing_less() -> None:
    parts = _by_fields(sub_queries("the workers are monitored", None))
    stems = parts[("stems_en",)]
    assert stems.q == "worker monitor "
    assert stems.weight == STEM_WEIGHT < 1
    assert set(parts) == {None, ("stems_en",)}


def test_keywords_without_a_guess_are_stemmed_in_every_language_that_stems() -> None:
    fields = {part.fields for part in sub_queries("monitoring workers", None)}
    assert {("stems_en",), ("stems_de",), ("stems_fr",)} <= fields


def test_short_words_and_unspaced_runs_bring_no_stems() -> None:
    assert sub_queries("gps", None) == [SubQuery("gps")]
    assert sub_queries("権利", None) == [SubQuery("権利 ")]


def test_exclusions_go_into_every_query() -> None:
    parts = sub_queries("the workers are monitored -cctv", None)
    assert len(parts) > 1
    assert all(part.q.rstrip().endswith("-cctv") for part in parts)


def test_translations_search_their_language_fields_at_half_weight(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    parts = _by_fields(sub_queries("the right to a break", lexicon))
    french = parts[("title_fr", "labels_fr", "text_fr")]
    # Every word's first sense before any word's second: droit, pause, then vrai, rupture.
    assert french.q == "droit pause vrai rupture "
    assert french.weight == TRANSLATION_WEIGHT
    assert ("title_en", "labels_en", "text_en") not in parts  # never into its own language


def test_a_translation_of_several_words_is_a_phrase(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    parts = _by_fields(sub_queries("fingerprint", lexicon))
    assert parts[("title_fr", "labels_fr", "text_fr")].q == '"empreinte digitale" '


def test_japanese_words_cross_to_the_other_languages(tmp_path: Path) -> None:
    lexicon = union_lexicon(tmp_path)
    parts = _by_fields(sub_queries("権利", lexicon))
    assert "right" in parts[("title_en", "labels_en", "text_en")].q.split()


def test_without_a_lexicon_nothing_is_translated() -> None:
    fields = {part.fields for part in sub_queries("the right to a break", None)}
    assert all(f is None or f[0].startswith("stems_") for f in fields)


def test_the_backend_sends_the_lexicon_s_translations(
    canned: CannedMeili, openapi: OpenApi, tmp_path: Path
) -> None:
    backend = MeiliSearchBackend(canned.base_url, API_KEY, lexicon=union_lexicon(tmp_path))
    backend.search(SearchQuery(q="surveillance"))
    openapi.validate_all(canned.requests)
    sent = {tuple(q.get("attributesToSearchOn", ())): q for q in _sent(canned)["queries"]}
    french = sent[("title_fr", "labels_fr", "text_fr")]
    # "surveillance, contrôle": the sense that is the word itself adds nothing.
    assert french["q"] == "controle "
    assert french["federationOptions"] == {"weight": TRANSLATION_WEIGHT}


def test_the_merged_answer_becomes_a_page_with_the_index_s_facets(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    canned.search_hits = [
        {
            "id": "clause-0001",
            "language": "en",
            "text_fr": "Le droit à la déconnexion",
            "_formatted": {"text_fr": f"Le {MARK_START}droit{MARK_END} à la déconnexion"},
            "_matchesPosition": {"text_fr": [{"start": 3, "length": 5}]},
            "_federation": {"indexUid": "clauses", "queriesPosition": 2, "weightedRankingScore": 1},
        }
    ]
    canned.total_hits = 41
    canned.facet_distribution = {"country": {"FR": 41}}
    page = meili_backend.search(SearchQuery(q="right", limit=20))
    openapi.validate_all(canned.requests)  # the canned answer too
    assert page.total == 41
    assert page.facets["country"] == {"FR": 41}
    [hit] = page.hits
    assert "_federation" not in hit.document
    assert hit.matched_language == "fr"
    assert hit.snippet == f"Le {MARK_START}droit{MARK_END} à la déconnexion"


def test_documents_go_to_meilisearch_with_the_stems_of_their_languages(
    canned: CannedMeili, meili_backend: MeiliSearchBackend, openapi: OpenApi
) -> None:
    document = {
        "id": "clause-0001",
        "title_en": "Monitoring of workers",
        "text_en": "The employer monitors no worker at home.",
        "text_ja": "労働者の権利",
    }
    meili_backend.upsert([document])
    openapi.validate_all(canned.requests)
    [[sent]] = canned.bodies("add_documents")
    assert sent["stems_en"].split() == ["employ", "home", "monitor", "worker"]
    assert "stems_ja" not in sent
    assert "stems_en" not in document  # the caller's document is left as it was


def test_a_document_without_text_in_a_stemmed_language_gets_no_stems() -> None:
    document = {"id": "clause-0002", "title_ja": "権利", "text_ja": "労働者の権利"}
    assert with_stems(document) == document
