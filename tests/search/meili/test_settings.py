"""The index settings as data: what they must say, checked against the contract and OpenAPI."""

from __future__ import annotations

from app.search.analysis.stemming import STEMMED_LANGUAGES
from app.search.contract import (
    FACETS,
    INDEX_LANGUAGES,
    OTHER_LANGUAGE,
    language_of_field,
    searchable_fields,
)
from app.search.meili.settings import (
    INDEX_SETTINGS,
    LOCALES,
    SCALAR_FIELDS,
    TEXT_FIELDS,
    index_settings,
)

from .openapi_check import Captured, OpenApi


def test_the_settings_body_is_a_valid_settings_patch(openapi: OpenApi) -> None:
    request = Captured(
        "PATCH",
        "/indexes/clauses/settings",
        body=index_settings(),
        headers={"Content-Type": "application/json"},
    )
    assert openapi.validate(request) == "PATCH /indexes/{index_uid}/settings"


def test_searchable_attributes_follow_the_contract_ranking_order_then_the_stems() -> None:
    fields = INDEX_SETTINGS["searchableAttributes"]
    stems = [f"stems_{language}" for language in STEMMED_LANGUAGES]
    assert fields == [*searchable_fields(), *stems]
    assert fields[0].startswith("title_")
    assert fields[len(searchable_fields()) - 1].startswith("text_")


def test_stems_are_searchable_but_never_displayed_and_take_no_typo() -> None:
    stems = {f"stems_{language}" for language in STEMMED_LANGUAGES}
    assert not stems & set(INDEX_SETTINGS["displayedAttributes"])
    assert set(INDEX_SETTINGS["typoTolerance"]["disableOnAttributes"]) == stems


def test_every_facet_and_visibility_are_filterable() -> None:
    assert set(INDEX_SETTINGS["filterableAttributes"]) == {*FACETS, "visibility"}


def test_dates_and_years_are_sortable() -> None:
    assert INDEX_SETTINGS["sortableAttributes"] == ["sort_date", "year"]


def test_every_document_field_is_displayed() -> None:
    assert set(INDEX_SETTINGS["displayedAttributes"]) == {*SCALAR_FIELDS, *searchable_fields()}


def test_sort_ranks_first_then_the_engine_defaults(openapi: OpenApi) -> None:
    documented = openapi.schema("Settings_Unchecked")["properties"]["rankingRules"]["default"]
    rules = INDEX_SETTINGS["rankingRules"]
    assert rules[0] == "sort"
    assert rules[1:] == [rule for rule in documented if rule != "sort"]


def test_typo_tolerance_states_the_engine_defaults(openapi: OpenApi) -> None:
    documented = openapi.schema("TypoSettings")["properties"]["minWordSizeForTypos"]["default"]
    assert INDEX_SETTINGS["typoTolerance"]["minWordSizeForTypos"] == documented
    assert documented == {"oneTypo": 5, "twoTypos": 9}


def test_facets_hold_every_country_and_are_sorted_by_count() -> None:
    faceting = INDEX_SETTINGS["faceting"]
    assert faceting["maxValuesPerFacet"] >= 250
    assert faceting["sortFacetValuesBy"] == {"*": "count"}


def test_total_hits_can_go_far_beyond_the_engine_default_of_1000() -> None:
    assert INDEX_SETTINGS["pagination"]["maxTotalHits"] >= 100_000


def test_synonyms_work_in_every_direction() -> None:
    synonyms = INDEX_SETTINGS["synonyms"]
    assert "telecommuting" in synonyms["telework"]
    assert "video surveillance" in synonyms["cctv"]
    assert "artificial intelligence" in synonyms["ai"]
    for term, others in synonyms.items():
        assert term not in others
        for other in others:
            assert term in synonyms[other]


def test_each_product_language_has_one_locale_rule_for_its_fields_and_stems() -> None:
    rules = INDEX_SETTINGS["localizedAttributes"]
    by_field = {pattern: rule["locales"] for rule in rules for pattern in rule["attributePatterns"]}
    for suffix in INDEX_LANGUAGES:
        prefixes = ["title_", "labels_", "text_"]
        prefixes += ["stems_"] if suffix in STEMMED_LANGUAGES else []
        for prefix in prefixes:
            assert by_field[prefix + suffix] == [LOCALES[suffix]]
    assert len(by_field) == 3 * len(INDEX_LANGUAGES) + len(STEMMED_LANGUAGES)


def test_the_other_language_fields_are_left_to_detection() -> None:
    patterns = [
        p for rule in INDEX_SETTINGS["localizedAttributes"] for p in rule["attributePatterns"]
    ]
    assert not [pattern for pattern in patterns if pattern.endswith("_other")]


def test_every_locale_is_one_the_engine_accepts(openapi: OpenApi) -> None:
    accepted = set(openapi.schema("Locale")["enum"])
    assert set(LOCALES.values()) <= accepted
    assert LOCALES["zh"] == "cmn"


def test_snippets_can_come_from_the_text_of_every_language() -> None:
    assert all(name.startswith("text_") for name in TEXT_FIELDS)
    assert {language_of_field(name) for name in TEXT_FIELDS} == {*INDEX_LANGUAGES, OTHER_LANGUAGE}


def test_index_settings_hands_out_a_copy() -> None:
    copy = index_settings()
    copy["synonyms"]["telework"].append("changed")
    assert "changed" not in INDEX_SETTINGS["synonyms"]["telework"]
