"""Queries across languages through the lexicon, in the built-in engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.search.builtin import BuiltinSearchBackend
from app.search.contract import MARK_END, MARK_START, SearchPage, SearchQuery

from ..corpus import make_document
from ..dictionaries.fixtures import union_lexicon

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


def engine(
    tmp_path: Path, *documents: dict[str, Any], translate: bool = True
) -> BuiltinSearchBackend:
    backend = BuiltinSearchBackend(union_lexicon(tmp_path) if translate else None)
    backend.rebuild(list(documents))
    return backend


def search(backend: BuiltinSearchBackend, q: str) -> SearchPage:
    return backend.search(SearchQuery(q=q, limit=20))


def test_an_english_word_finds_the_french_clause(tmp_path: Path) -> None:
    backend = engine(tmp_path, FRENCH_BREAKS, SPANISH_OTHER)
    page = search(backend, "breaks ")
    assert [hit.document["id"] for hit in page.hits] == ["pauses-fr"]
    assert page.hits[0].matched_language == "fr"


def test_the_snippet_marks_the_translated_word(tmp_path: Path) -> None:
    page = search(engine(tmp_path, FRENCH_BREAKS), "break ")
    assert f"{MARK_START}pause{MARK_END}" in page.hits[0].snippet


def test_the_query_language_comes_before_a_translation(tmp_path: Path) -> None:
    # The French clause has the word in its title, the English one only in its text: a
    # translated word weighs half, so the English clause still comes first.
    page = search(engine(tmp_path, FRENCH_BREAKS, ENGLISH_BREAKS), "break ")
    assert [hit.document["id"] for hit in page.hits] == ["breaks-en", "pauses-fr"]


def test_without_a_lexicon_nothing_crosses_languages(tmp_path: Path) -> None:
    page = search(engine(tmp_path, FRENCH_BREAKS, translate=False), "break ")
    assert page.total == 0
