"""Snowball stemming (PyStemmer) for the index languages that have a stemmer.

Words are stemmed in their folded form (lower case, accents dropped, as the index holds them):
both sides of a match are folded, so the stems agree. Stemmers are not shared across threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Final

import Stemmer

from .analyzer import is_dense

# Index language -> Snowball algorithm.
ALGORITHMS: Final = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "de": "german",
    "it": "italian",
    "nl": "dutch",
    "sv": "swedish",
    "id": "indonesian",
}
STEMMED_LANGUAGES: Final = tuple(ALGORITHMS)
# A stem shorter than this says too little to join words by (English "use" -> "use", "us").
MIN_STEM: Final = 4

_local = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmers: dict[str, Stemmer.Stemmer] = getattr(_local, "stemmers", None) or {}
    _local.stemmers = stemmers
    found = stemmers.get(language)
    if found is None:
        found = stemmers[language] = Stemmer.Stemmer(ALGORITHMS[language])
    return found


@lru_cache(maxsize=65536)
def stem(language: str, word: str) -> str:
    """The stem of a folded word in a language that has a stemmer."""
    return str(_stemmer(language).stemWord(word))


def stems(language: str, words: list[str]) -> list[str]:
    """The stems of several folded words (one call into the stemmer)."""
    return [str(s) for s in _stemmer(language).stemWords(words)]


def stemmable(word: str) -> bool:
    """A folded word long enough to stem, and not of a script written without spaces."""
    return len(word) >= MIN_STEM and not is_dense(word[0])


def root_of(language: str, word: str) -> str | None:
    """The word's stem in a language that stems, when it says enough to join words by."""
    if not stemmable(word):
        return None
    root = stem(language, word)
    return root if len(root) >= MIN_STEM else None


def roots(language: str, words: Iterable[str]) -> set[str]:
    """root_of for many words, in one call into the stemmer (a document's words)."""
    wanted = sorted({word for word in words if stemmable(word)})
    return {root for root in stems(language, wanted) if len(root) >= MIN_STEM}
