"""What every search backend promises our users, stated once and run against each backend.

The corpus (tests/search/corpus.py) is made of invented clauses; every test starts from it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from app.search.contract import (
    FACETS,
    MARK_END,
    MARK_START,
    SearchBackend,
    SearchFilters,
    SearchPage,
    SearchQuery,
    SortOrder,
)

from .corpus import corpus, make_document, public

ALL_VISIBLE = SearchFilters(visibility=("public", "affiliates"))


@pytest.fixture
def engine(backend: SearchBackend) -> SearchBackend:
    backend.rebuild(corpus())
    return backend


def search(engine: SearchBackend, q: str = "", **options: Any) -> SearchPage:
    options.setdefault("limit", 100)
    return engine.search(SearchQuery(q=q, **options))


def ids(page: SearchPage) -> list[str]:
    return [hit.document["id"] for hit in page.hits]


def hit(page: SearchPage, clause_id: str) -> Any:
    return next(h for h in page.hits if h.document["id"] == clause_id)


def unmarked(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


# -- words, accents, prefixes, typos -------------------------------------------------------


def test_unaccented_query_finds_accented_text(engine: SearchBackend) -> None:
    assert "desconexion-es" in ids(search(engine, "desconexion"))
    assert "deconnexion-fr" in ids(search(engine, "deconnexion"))


def test_accented_and_capitalised_query_finds_plain_text(engine: SearchBackend) -> None:
    assert ids(search(engine, "KEYSTRÓKE")) == ["surveillance-au"]


def test_sharp_s_and_umlaut_fold_to_plain_letters(engine: SearchBackend) -> None:
    assert ids(search(engine, "schliessung einfuhrung")) == ["mitbestimmung-de"]


def test_last_word_matches_as_a_prefix(engine: SearchBackend) -> None:
    assert "surveillance-au" in ids(search(engine, "surveil"))


def test_a_word_followed_by_a_space_is_not_a_prefix(engine: SearchBackend) -> None:
    assert "surveillance-au" in ids(search(engine, "survei"))
    assert search(engine, "survei ").total == 0


def test_only_the_last_word_is_a_prefix(engine: SearchBackend) -> None:
    assert "surveillance-au" in ids(search(engine, "ergonomic survei"))
    assert "surveillance-au" not in ids(search(engine, "survei ergonomic"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("surveilance", "surveillance-au"),
        ("keystoke", "surveillance-au"),
        ("retraning", "retraining-ca"),
        ("emial", "disconnect-gb"),
    ],
)
def test_one_typo_in_a_word_of_five_letters_or_more_still_matches(
    engine: SearchBackend, query: str, expected: str
) -> None:
    assert expected in ids(search(engine, query))


def test_a_typo_in_a_four_letter_word_does_not_match(engine: SearchBackend) -> None:
    assert search(engine, "dsta").total == 0
    assert "surveillance-au" in ids(search(engine, "data"))


def test_two_typos_need_a_word_of_nine_letters(engine: SearchBackend) -> None:
    assert search(engine, "kestroce").total == 0
    assert "surveillance-au" in ids(search(engine, "survellanse"))


# -- ranking -------------------------------------------------------------------------------


def test_a_match_in_the_title_ranks_above_a_match_in_the_text(engine: SearchBackend) -> None:
    assert ids(search(engine, "eyesight")) == ["eyesight-title", "eyesight-text"]


def test_documents_with_all_words_come_before_those_with_some(engine: SearchBackend) -> None:
    page = search(engine, "ergonomic chair breaks")
    assert ids(page)[:2] == ["ergonomic-all", "ergonomic-two"]
    assert "ergonomic-one" in ids(page)


def test_words_close_together_rank_first(engine: SearchBackend) -> None:
    assert ids(search(engine, "algorithmic scheduling")) == ["algo-near", "algo-far"]


def test_a_quoted_phrase_needs_the_words_side_by_side(engine: SearchBackend) -> None:
    assert ids(search(engine, '"paid retraining"')) == ["retraining-ca"]
    assert ids(search(engine, "paid retraining"))[:2] == ["retraining-ca", "training-nz"]


def test_minus_excludes_a_word(engine: SearchBackend) -> None:
    assert "disconnect-gb" in ids(search(engine, "disconnect"))
    assert "disconnect-gb" not in ids(search(engine, "disconnect -email"))


def test_minus_excludes_a_phrase(engine: SearchBackend) -> None:
    assert ids(search(engine, 'retraining -"paid retraining"')) == ["training-nz"]


def test_a_query_of_exclusions_only_returns_everything_else(engine: SearchBackend) -> None:
    assert search(engine, "-email").total == len(public(corpus())) - 1


def test_words_after_the_tenth_are_ignored(engine: SearchBackend) -> None:
    q = "eyesight one two three four five six seven eight nine -glasses"
    assert "eyesight-title" in ids(search(engine, q))
    assert "eyesight-title" not in ids(search(engine, "eyesight -glasses"))


# -- languages -----------------------------------------------------------------------------


def test_a_synonym_finds_the_clause_saying_the_other_word(engine: SearchBackend) -> None:
    engine.upsert(
        [
            make_document(id="home", title_en="Working from home allowance", text_en="Costs."),
            make_document(id="cameras", title_en="Cameras", text_en="No cctv in rest rooms."),
        ]
    )
    assert "home" in ids(search(engine, "telework "))
    assert "home" in ids(search(engine, "telecommuting "))
    assert "cameras" in ids(search(engine, "video surveillance "))
    assert ids(search(engine, "telework ")) == ids(search(engine, "TÉLÉWORK "))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("つながらない権利", "tsunagaranai-jp"),
        ("業務連絡", "tsunagaranai-jp"),
        ("离线权", "lixian-cn"),
        ("ตัดการเชื่อมต่อ", "thai-th"),
    ],
)
def test_a_word_inside_unspaced_text_is_found(
    engine: SearchBackend, query: str, expected: str
) -> None:
    assert ids(search(engine, query)) == [expected]


def test_labels_in_another_language_find_the_clause(engine: SearchBackend) -> None:
    page = search(engine, "tiempo")
    assert {"desconexion-es", "disconnect-gb"} <= set(ids(page))
    assert hit(page, "disconnect-gb").matched_language == "es"


def test_a_match_in_a_translation_reports_its_language(engine: SearchBackend) -> None:
    page = search(engine, "unplug")
    assert ids(page) == ["desconexion-es"]
    found = page.hits[0]
    assert found.matched_language == "en"
    assert f"{MARK_START}unplug{MARK_END}" in found.snippet


# -- snippets ------------------------------------------------------------------------------


def test_snippet_marks_the_matched_word(engine: SearchBackend) -> None:
    snippet = search(engine, "keystroke").hits[0].snippet
    assert f"{MARK_START}keystroke{MARK_END}" in snippet


def test_snippet_marks_a_word_matched_through_a_typo(engine: SearchBackend) -> None:
    snippet = search(engine, "keystoke").hits[0].snippet
    assert f"{MARK_START}keystroke{MARK_END}" in snippet


def test_long_text_is_cropped_around_the_match(engine: SearchBackend) -> None:
    words = [f"filler{n}" for n in range(80)]
    words[40] = "grievance"
    engine.upsert([make_document(id="long", title_en="Long clause", text_en=" ".join(words))])
    snippet = search(engine, "grievance").hits[0].snippet
    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert MARK_START in snippet
    assert 20 <= len(unmarked(snippet).strip("…").split()) <= 40


def test_empty_query_shows_the_original_text_unmarked(engine: SearchBackend) -> None:
    page = search(engine, "", filters=SearchFilters(country=("ES",)))
    found = hit(page, "desconexion-es")
    assert found.matched_language is None
    assert found.snippet.startswith("Las personas trabajadoras")
    assert MARK_START not in found.snippet


# -- filters, facets, visibility -------------------------------------------------------------


def test_values_of_one_filter_are_alternatives(engine: SearchBackend) -> None:
    page = search(engine, filters=SearchFilters(country=("FR", "ES")))
    assert sorted(ids(page)) == ["deconnexion-fr", "desconexion-es"]


def test_different_filters_must_all_hold(engine: SearchBackend) -> None:
    page = search(engine, filters=SearchFilters(themes=("4",), country=("GB",)))
    assert ids(page) == ["disconnect-gb"]


def test_year_range_includes_both_ends(engine: SearchBackend) -> None:
    page = search(engine, filters=SearchFilters(year_from=2021, year_to=2022))
    assert sorted(ids(page)) == ["desconexion-es", "disconnect-gb", "lixian-cn"]


def test_facets_count_every_value_of_the_result_set(engine: SearchBackend) -> None:
    page = search(engine, limit=1)
    for name in FACETS:
        expected: Counter[str] = Counter()
        for document in public(corpus()):
            value = document[name]
            for item in value if isinstance(value, list) else [value]:
                expected[str(item)] += 1
        assert page.facets[name] == dict(expected), name


def test_facets_follow_the_filters_and_the_query(engine: SearchBackend) -> None:
    page = search(engine, "disconnect", filters=SearchFilters(country=("GB",)))
    assert page.facets["country"] == {"GB": 1}
    assert page.facets["themes"] == {"4": 1}
    assert page.total == 1


def test_affiliates_only_clauses_stay_out_of_public_results(engine: SearchBackend) -> None:
    assert search(engine, "staffing ratios").total == 0
    assert ids(search(engine, "staffing ratios", filters=ALL_VISIBLE)) == ["ratios-gb"]


# -- order and pages -------------------------------------------------------------------------


def test_newest_sort_lists_newest_first(engine: SearchBackend) -> None:
    expected = [d["id"] for d in sorted(public(corpus()), key=lambda d: -d["sort_date"])]
    assert ids(search(engine, sort=SortOrder.newest)) == expected


def test_oldest_sort_lists_oldest_first(engine: SearchBackend) -> None:
    expected = [d["id"] for d in sorted(public(corpus()), key=lambda d: d["sort_date"])]
    assert ids(search(engine, sort=SortOrder.oldest)) == expected


def test_newest_sort_orders_the_matches_by_date(engine: SearchBackend) -> None:
    page = search(engine, "desconexión", sort=SortOrder.newest)
    dates = [h.document["sort_date"] for h in page.hits]
    assert len(dates) > 2
    assert dates == sorted(dates, reverse=True)


def test_pages_cover_the_results_once_with_a_steady_total(engine: SearchBackend) -> None:
    full = search(engine)
    seen: list[str] = []
    for offset in range(0, full.total + 3, 3):
        page = search(engine, offset=offset, limit=3)
        assert page.total == full.total
        seen.extend(ids(page))
    assert seen == ids(full)


# -- changes -------------------------------------------------------------------------------


def test_a_deleted_clause_is_gone_from_the_next_search(engine: SearchBackend) -> None:
    engine.delete(["surveillance-au", "no-such-clause"])
    assert search(engine, "keystroke").total == 0
    assert engine.document_count() == len(corpus()) - 1


def test_an_upserted_clause_is_found_by_the_next_search(engine: SearchBackend) -> None:
    engine.upsert([make_document(id="new-one", title_en="Standby allowance rules")])
    assert ids(search(engine, "standby allowance")) == ["new-one"]


def test_an_upsert_replaces_the_previous_text(engine: SearchBackend) -> None:
    changed = make_document(id="eyesight-text", title_en="Lighting standards")
    engine.upsert([changed])
    assert ids(search(engine, "eyesight")) == ["eyesight-title"]
    assert ids(search(engine, "lighting")) == ["eyesight-text"]


def test_rebuild_replaces_the_whole_index(engine: SearchBackend) -> None:
    engine.rebuild([make_document(id="only", title_en="Night shift premium")])
    assert engine.document_count() == 1
    assert ids(search(engine)) == ["only"]
    assert search(engine, "keystroke").total == 0


# -- anything a user can type ----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '"right to disconnect',
        '"',
        "right AND disconnect OR NOT email",
        "(disconnect)",
        "disconnect*",
        "*",
        "-",
        "--disconnect",
        "title:disconnect",
        "🙂 disconnect 🚀",
        "disconnect" * 100,
        " ".join(["disconnect"] * 200),
        "\ud800disconnect",
        "\x00\x01\t\n",
        "\ue000disconnect\ue001",
    ],
)
def test_any_text_gives_a_sane_answer(engine: SearchBackend, query: str) -> None:
    page = search(engine, query[:1000], limit=20)
    assert 0 <= len(page.hits) <= 20
    assert page.total >= len(page.hits)
    assert all(isinstance(h.snippet, str) for h in page.hits)


def test_unbalanced_quote_still_finds_the_clause(engine: SearchBackend) -> None:
    assert "disconnect-gb" in ids(search(engine, '"right to disconnect'))
