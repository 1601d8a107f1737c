"""The key a word or phrase is looked up by: folded, stop words left out, each word stemmed.

The same key is made for a dictionary's headword when the lexicon is built and for the
query's words when it is read, so "monitored" finds the entry of "monitoring" and "droit à la
déconnexion" the one of "droit de déconnexion". Japanese has no spaces and no stemmer: its key
is the folded text itself.
"""

from __future__ import annotations

from functools import lru_cache

from app.search.analysis.analyzer import (
    HARD_SEPARATORS,
    TOKEN_RE,
    has_dense,
    normalize,
    units,
)
from app.search.analysis.stemming import ALGORITHMS, stem, stems
from app.search.analysis.stopwords import STOP_WORDS


def content_words(language: str, text: str) -> list[str]:
    """The folded words of a text without its stop words (all of them when that is all)."""
    words = [t for t in TOKEN_RE.findall(normalize(text)) if t not in HARD_SEPARATORS]
    stops = STOP_WORDS.get(language, frozenset())
    kept = [word for word in words if word not in stops]
    return kept or words


@lru_cache(maxsize=262144)
def lookup_key(language: str, text: str) -> str:
    """The lexicon key of a headword or of query words in a language ("" for none)."""
    folded = normalize(text)
    if has_dense(folded):
        return "".join(t for kind, t, _ in units(folded) if kind != "hard")
    words = content_words(language, folded)
    if language in ALGORITHMS:
        words = [stem(language, word) for word in words]
    return " ".join(words)


def word_keys(language: str, words: list[str]) -> list[str]:
    """lookup_key of many folded single words of Latin letters, in one call to the stemmer."""
    return stems(language, words) if language in ALGORITHMS else words
