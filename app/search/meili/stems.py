"""The Snowball stems of a document's title and text, one field per language that stems.

Meilisearch does not stem, so the backend adds `stems_<language>` to each document it sends:
the distinct stems of the words of that language's title and text, by the same stemmer and
folding as the built-in engine. expansion.stem_queries searches them with the query's stems.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Final

from app.search.analysis.analyzer import normalize, tokens
from app.search.analysis.stemming import STEMMED_LANGUAGES, roots

from .expansion import STEMS_PREFIX

STEMS_FIELDS: Final[tuple[str, ...]] = tuple(STEMS_PREFIX + lang for lang in STEMMED_LANGUAGES)


def _stems_of(language: str, texts: Iterable[str]) -> str:
    words = (token for text in texts for token in tokens(normalize(text)))
    return " ".join(sorted(roots(language, words)))


def with_stems(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the document with its stems fields (none for a language it has no text in)."""
    stemmed = dict(document)
    for language in STEMMED_LANGUAGES:
        texts = [
            value
            for name in (f"title_{language}", f"text_{language}")
            if isinstance(value := document.get(name), str)
        ]
        roots = _stems_of(language, texts) if texts else ""
        if roots:
            stemmed[STEMS_PREFIX + language] = roots
    return stemmed


def stemmed_documents(documents: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """with_stems on each document, lazily."""
    for document in documents:
        yield with_stems(document)
