"""The Meilisearch index settings of the clause index, as data.

Applied by `MeiliSearchBackend.ensure_ready` and, on a rebuild, to the fresh index before any
document goes in (changing most of these reindexes everything).
"""

from __future__ import annotations

import copy
from typing import Any, Final

from app.search.analysis.stemming import STEMMED_LANGUAGES
from app.search.contract import (
    FACETS,
    INDEX_LANGUAGES,
    SEARCHABLE_PREFIXES,
    SYNONYM_GROUPS,
    searchable_fields,
)

from .expansion import STEMS_PREFIX
from .stems import STEMS_FIELDS

PRIMARY_KEY: Final = "id"

# Document fields that are not per-language, in the order of the contract.
SCALAR_FIELDS: Final[tuple[str, ...]] = (
    "id",
    "external_id",
    "title",
    "language",
    "kind",
    "country",
    "region",
    "sector",
    "year",
    "sort_date",
    "themes",
    "subthemes",
    "lifecycle",
    "visibility",
    "translations",
)

FILTERABLE_ATTRIBUTES: Final[tuple[str, ...]] = (*FACETS, "visibility")
SORTABLE_ATTRIBUTES: Final[tuple[str, ...]] = ("sort_date", "year")

# The body texts, one per language suffix: highlighted and cropped for snippets.
TEXT_FIELDS: Final[tuple[str, ...]] = tuple(
    name for name in searchable_fields() if name.startswith("text_")
)

# ISO 639-3 locale of each language suffix, all in the `Locale` enum of Meilisearch's
# OpenAPI 1.53.0. Chinese is `cmn` (Mandarin), the code Meilisearch lists for its Chinese
# segmenter. `other` has no rule: a field of mixed languages is left to detection.
LOCALES: Final[dict[str, str]] = {
    "en": "eng",
    "fr": "fra",
    "es": "spa",
    "pt": "por",
    "de": "deu",
    "it": "ita",
    "nl": "nld",
    "sv": "swe",
    "ja": "jpn",
    "ko": "kor",
    "zh": "cmn",
    "id": "ind",
    "th": "tha",
    "tl": "tgl",
    "hi": "hin",
}

# Meilisearch's own defaults, stated so a change of default cannot change our relevance.
ONE_TYPO_FROM_LETTERS: Final = 5
TWO_TYPOS_FROM_LETTERS: Final = 9

# Enough values for every country (about 250), every year and every sub-theme in one facet.
MAX_VALUES_PER_FACET: Final = 1000

# page/hitsPerPage searches count matches exhaustively, but never beyond maxTotalHits: it is set
# well above the number of clauses we expect so that `total` is exact.
MAX_TOTAL_HITS: Final = 100_000


def _synonyms() -> dict[str, list[str]]:
    synonyms: dict[str, list[str]] = {}
    for group in SYNONYM_GROUPS:
        for term in group:
            synonyms[term] = [other for other in group if other != term]
    return synonyms


def _localized_attributes() -> list[dict[str, list[str]]]:
    rules: list[dict[str, list[str]]] = []
    for suffix in INDEX_LANGUAGES:
        if suffix not in LOCALES:
            continue  # no Meilisearch locale: left to language detection
        fields = [prefix + suffix for prefix in SEARCHABLE_PREFIXES]
        if suffix in STEMMED_LANGUAGES:
            fields.append(STEMS_PREFIX + suffix)
        rules.append({"attributePatterns": fields, "locales": [LOCALES[suffix]]})
    return rules


INDEX_SETTINGS: Final[dict[str, Any]] = {
    # Ranking order of the contract: titles, then labels, then texts; the stems last (only
    # the stem queries search them, see expansion.py).
    "searchableAttributes": [*searchable_fields(), *STEMS_FIELDS],
    "filterableAttributes": list(FILTERABLE_ATTRIBUTES),
    "sortableAttributes": list(SORTABLE_ATTRIBUTES),
    "displayedAttributes": [*SCALAR_FIELDS, *searchable_fields()],
    # `sort` first so that newest/oldest dominate when asked; without a sort parameter it is
    # skipped and the 1.53 defaults (which split `attribute` into `attributeRank` and
    # `wordPosition`) decide relevance.
    "rankingRules": [
        "sort",
        "words",
        "typo",
        "proximity",
        "attributeRank",
        "wordPosition",
        "exactness",
    ],
    "typoTolerance": {
        "enabled": True,
        "minWordSizeForTypos": {
            "oneTypo": ONE_TYPO_FROM_LETTERS,
            "twoTypos": TWO_TYPOS_FROM_LETTERS,
        },
        # A stem is already a loose form of the word: a typo on top would join unrelated words.
        "disableOnAttributes": list(STEMS_FIELDS),
    },
    "faceting": {
        "maxValuesPerFacet": MAX_VALUES_PER_FACET,
        "sortFacetValuesBy": {"*": "count"},
    },
    "pagination": {"maxTotalHits": MAX_TOTAL_HITS},
    "synonyms": _synonyms(),
    "localizedAttributes": _localized_attributes(),
}


def index_settings() -> dict[str, Any]:
    """A fresh copy of INDEX_SETTINGS, safe to hand to the client (which may alter it)."""
    return copy.deepcopy(INDEX_SETTINGS)
