"""A query word's translation of several words is matched whole: positions, marks, ranking."""

from __future__ import annotations

from pathlib import Path

from app.search.builtin import BuiltinSearchBackend
from app.search.contract import MARK_END, MARK_START, SearchQuery

from ..corpus import make_document
from ..dictionaries.fixtures import union_lexicon

CLOCKING = make_document(
    id="pointage-fr",
    language="fr",
    title_fr="Pointage",
    text_fr="L'empreinte carbone du service est publiée. Aucune empreinte digitale n'est relevée.",
)


def test_a_translated_phrase_is_marked_whole_and_its_words_alone_are_not(tmp_path: Path) -> None:
    # "fingerprint" -> "empreinte digitale": the "empreinte" of "empreinte carbone" is not it.
    backend = BuiltinSearchBackend(union_lexicon(tmp_path))
    backend.rebuild([CLOCKING])
    page = backend.search(SearchQuery(q="fingerprint ", limit=20))
    snippet = page.hits[0].snippet.replace(MARK_START, "[").replace(MARK_END, "]")
    assert "[empreinte digitale]" in snippet
    assert "[empreinte] carbone" not in snippet
    assert "L'empreinte carbone" in snippet
