"""A mistyped query word, read as the word the lexicon knows one edit away.

"survelliance" and "vluntario" have no entry, so they would bring no translation: the words
one edit away (a letter left out, added, changed, or two swapped) are looked up together, and
the known ones stand for the word, as the engines' typo tolerance lets a mistyped word match
the clauses' own words. Only words of MIN_CHARS letters or more are read so (Meilisearch's
threshold for one typo), and at most CORRECTIONS of them, in a fixed order: swaps, then
letters left out, added, changed, each from the word's end (a typo rarely hits the first
letter).
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from .keys import lookup_key, word_keys
from .lexicon import Lexicon

MIN_CHARS: Final = 5
CORRECTIONS: Final = 2
LETTERS: Final = string.ascii_lowercase  # words are folded: accents are already gone


def _edits(word: str) -> Iterator[str]:
    """The words one edit away, most likely typos first."""
    cuts = range(len(word) - 1, 0, -1)
    for i in cuts:
        if word[i - 1] != word[i]:
            yield word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    for i in range(len(word) - 1, 0, -1):
        yield word[:i] + word[i + 1 :]
    for i in range(len(word), 0, -1):
        for letter in LETTERS:
            yield word[:i] + letter + word[i:]
    for i in range(len(word) - 1, 0, -1):
        for letter in LETTERS:
            if letter != word[i]:
                yield word[:i] + letter + word[i + 1 :]


@lru_cache(maxsize=16384)
def corrections(lexicon: Lexicon, language: str, word: str) -> tuple[str, ...]:
    """At most CORRECTIONS words one edit from `word` that the lexicon translates from
    `language`, other than its own forms (none for a short word, or one not written in Latin
    letters). Remembered: a query's mistyped words come back with it."""
    if len(word) < MIN_CHARS or not word.isascii() or not word.isalpha():
        return ()
    own = lookup_key(language, word)
    edits = list(dict.fromkeys(_edits(word)))
    by_key: dict[str, str] = {}
    for edit, key in zip(edits, word_keys(language, edits), strict=True):
        if key != own:
            by_key.setdefault(key, edit)
    known = lexicon.known_keys(language, tuple(by_key))
    found = [edit for key, edit in by_key.items() if key in known]
    return tuple(found[:CORRECTIONS])
