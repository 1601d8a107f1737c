"""The behaviour suite for what the analysis adds, on every backend: stems, stop words, and
queries that cross languages through the lexicon (tests/search/dictionaries/fixtures.py).

The built-in engine always runs; Meilisearch runs when COMMONS_MEILI_URL names a server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.search.builtin import BuiltinSearchBackend
from app.search.contract import MARK_END, MARK_START, SearchBackend, SearchPage, SearchQuery
from app.search.dictionaries.lexicon import Lexicon

from .conftest import MEILI_URL, NO_MEILI, meilisearch_backend
from .corpus import make_document
from .dictionaries.fixtures import union_lexicon

Holding = Callable[..., SearchBackend]

FRENCH_BREAKS = make_document(
    id="pauses-fr",
    language="fr",
    title_fr="Pauses du travail sur écran",
    text_fr="Chaque agent prend une pause de dix minutes par heure de travail sur écran.",
)
ENGLISH_BREAKS = make_document(
    id="breaks-en",
    language="en",
    title_en="Screen work",
    text_en="Staff take a break of ten minutes every hour at a screen.",
)
SPANISH_OTHER = make_document(
    id="otro-es",
    language="es",
    title_es="Formación",
    text_es="Formación pagada en horas de trabajo.",
)
MONITORING = make_document(
    id="monitoring-en",
    language="en",
    title_en="Equipment",
    text_en="Monitoring of staff equipment is agreed with the union beforehand.",
)
MONITORED = make_document(
    id="monitored-en",
    language="en",
    title_en="Equipment",
    text_en="Staff equipment is monitored only after agreement with the union.",
)


@pytest.fixture(
    params=[
        "builtin",
        pytest.param("meilisearch", marks=pytest.mark.skipif(MEILI_URL is None, reason=NO_MEILI)),
    ]
)
def holding(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Holding]:
    """A function giving a backend of each kind that holds the documents, with the test
    lexicon unless `translate=False`."""
    closers: list[Iterator[SearchBackend]] = []

    def make(*documents: dict[str, Any], translate: bool = True) -> SearchBackend:
        lexicon: Lexicon | None = union_lexicon(tmp_path) if translate else None
        backend: SearchBackend
        if request.param == "meilisearch":
            made = meilisearch_backend(lexicon)
            closers.append(made)
            backend = next(made)
        else:
            backend = BuiltinSearchBackend(lexicon)
        backend.rebuild(list(documents))
        return backend

    yield make
    for made in closers:
        next(made, None)


def search(backend: SearchBackend, q: str) -> SearchPage:
    return backend.search(SearchQuery(q=q, limit=20))


def ids(page: SearchPage) -> list[str]:
    return [hit.document["id"] for hit in page.hits]


def test_an_english_word_finds_the_french_clause(holding: Holding) -> None:
    page = search(holding(FRENCH_BREAKS, SPANISH_OTHER), "breaks ")
    assert ids(page) == ["pauses-fr"]
    assert page.hits[0].matched_language == "fr"


def test_the_snippet_marks_the_translated_word(holding: Holding) -> None:
    page = search(holding(FRENCH_BREAKS), "break ")
    assert f"{MARK_START}pause{MARK_END}" in page.hits[0].snippet


def test_the_query_language_comes_before_a_translation(holding: Holding) -> None:
    # The French clause has the word in its title, the English one only in its text: a
    # translated word weighs half, so the English clause still comes first.
    page = search(holding(FRENCH_BREAKS, ENGLISH_BREAKS), "break ")
    assert ids(page) == ["breaks-en", "pauses-fr"]


def test_without_a_lexicon_nothing_crosses_languages(holding: Holding) -> None:
    page = search(holding(FRENCH_BREAKS, translate=False), "break ")
    assert page.total == 0


def test_another_form_of_the_word_finds_the_clause(holding: Holding) -> None:
    page = search(holding(MONITORING, SPANISH_OTHER, translate=False), "monitored ")
    assert ids(page) == ["monitoring-en"]


def test_the_word_itself_ranks_above_another_form_of_it(holding: Holding) -> None:
    page = search(holding(MONITORING, MONITORED, translate=False), "monitored ")
    assert ids(page) == ["monitored-en", "monitoring-en"]


def test_stop_words_of_the_query_s_language_do_not_decide_the_match(holding: Holding) -> None:
    # Neither clause says "the" or "of" twice; the question's content words decide.
    backend = holding(MONITORED, SPANISH_OTHER, translate=False)
    page = search(backend, "the monitored equipment of the staff ")
    assert ids(page)[0] == "monitored-en"
    assert page.total == 1
