"""A query's words in the other languages, through the lexicon: the same for every backend.

The words are read in the query's language (guessed from its stop words), or, for a query of
keywords, in the languages whose dictionaries know most of them. Runs of up to three words are
looked up first ("huella dactilar" -> fingerprint), then single words. Each word brings its
best SENSES translations into each other language; where no dictionary joins two languages,
the English translations are translated on (a pivot). A run's translations belong to each of
its words. Where the lexicon holds Apertium's lemmas, each word also brings its best SENSES
of those, after the dictionaries' (the two sources often agree, and each knows words the other
does not). A German, Dutch or Swedish compound the lexicon does not know brings the best
translation of each of its parts (compounds.py: "persoonsgegevens" -> persoon + gegevens), and
a mistyped word the best translation of each known word one edit away (spelling.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from .compounds import may_compound, part_candidates, split_compound
from .keys import lookup_key, word_keys
from .lexicon import Lexicon
from .spelling import corrections

SENSES: Final = 2
MAX_RUN: Final = 3
MAX_SOURCES: Final = 2
PIVOT: Final = "en"


@dataclass(frozen=True)
class Translation:
    """A query word (or run) said in another language: folded text, words space-separated."""

    language: str
    text: str


@lru_cache(maxsize=65536)
def _parts(lexicon: Lexicon, language: str, word: str) -> tuple[str, ...]:
    """The parts of a compound word the lexicon knows (compounds.py), its words looked up in
    one query; remembered."""
    if not may_compound(language, word):
        return ()
    pieces = part_candidates(language, word)
    keys = word_keys(language, pieces)
    known = lexicon.known_keys(language, tuple(set(keys)))
    words = frozenset(piece for piece, key in zip(pieces, keys, strict=True) if key in known)
    return split_compound(language, word, words.__contains__)


def _count_known(lexicon: Lexicon, language: str, words: Sequence[str], parts: bool) -> int:
    """How many of the words the lexicon translates (or, with `parts`, splits into words it
    translates)."""
    return sum(
        bool(lexicon.translations(language, lookup_key(language, word)))
        or (parts and bool(_parts(lexicon, language, word)))
        for word in words
    )


def source_languages(
    words: Sequence[str], guessed: Sequence[str], lexicon: Lexicon
) -> tuple[str, ...]:
    """The languages to read the words in."""
    known = [language for language in guessed if language in lexicon.languages]
    if known:
        return tuple(known[:MAX_SOURCES])
    counts: dict[str, int] = {}
    for parts in (False, True):  # compounds only when no language knows a word as it is
        for language in sorted(lexicon.languages):
            found = _count_known(lexicon, language, words, parts)
            if found:
                counts[language] = found
        if counts:
            break
    ranked = sorted(counts, key=lambda language: -counts[language])
    return tuple(language for language in ranked if counts[language] == counts[ranked[0]])[
        :MAX_SOURCES
    ]


def _pivoted(lexicon: Lexicon, table: dict[str, tuple[str, ...]], target: str) -> list[str]:
    found: list[str] = []
    for english in table.get(PIVOT, ())[:SENSES]:
        onward = lexicon.translations(PIVOT, lookup_key(PIVOT, english)).get(target, ())
        found.extend(text for text in onward[:1] if text not in found)
    return found[:SENSES]


def _run_at(
    lexicon: Lexicon, source: str, words: Sequence[str], start: int
) -> tuple[int, dict[str, tuple[str, ...]]]:
    """The longest run of words from `start` that the lexicon knows, and its translations."""
    for size in range(min(MAX_RUN, len(words) - start), 0, -1):
        key = lookup_key(source, " ".join(words[start : start + size]))
        table = lexicon.translations(source, key) if key else {}
        if table:
            return size, table
    return 1, {}


def _add(found: list[Translation], word: str, translations: Sequence[Translation]) -> None:
    for translation in translations:
        if translation not in found and translation.text != word:
            found.append(translation)


def _said_as(lexicon: Lexicon, source: str, word: str) -> tuple[str, ...]:
    """What a word the lexicon has no entry for is looked up as: the parts of the compound it
    is, else the known words one typo away, else itself (it brings nothing)."""
    key = lookup_key(source, word)
    if lexicon.translations(source, key) or lexicon.machine(source, key):
        return (word,)
    return _parts(lexicon, source, word) or corrections(lexicon, source, word) or (word,)


def _translate_run(
    lexicon: Lexicon, source: str, table: dict[str, tuple[str, ...]], said: Sequence[str]
) -> list[Translation]:
    """The translations of one run of words (its table), or of one word said as its parts or
    its corrections (the best sense of each: they are guesses already)."""
    tables = (
        [table] if table else [lexicon.translations(source, lookup_key(source, w)) for w in said]
    )
    found: list[Translation] = []
    for target in sorted(lexicon.languages - {source}):
        for one in tables:
            texts = list(one.get(target, ())[: SENSES if table else 1])
            if not texts and PIVOT not in (source, target):
                texts = _pivoted(lexicon, one, target)
            found.extend(Translation(target, text) for text in texts)
    return found


def _machine(lexicon: Lexicon, source: str, word: str) -> list[Translation]:
    found: list[Translation] = []
    for target, lemmas in sorted(lexicon.machine(source, lookup_key(source, word)).items()):
        found.extend(Translation(target, lemma) for lemma in lemmas[:SENSES])
    return found


def translate(
    words: Sequence[str], guessed: Sequence[str], lexicon: Lexicon
) -> list[list[Translation]]:
    """For each word, its translations into every other language the lexicon has."""
    found: list[list[Translation]] = [[] for _ in words]
    for source in source_languages(words, guessed, lexicon):
        start = 0
        while start < len(words):
            size, table = _run_at(lexicon, source, words, start)
            said = _said_as(lexicon, source, words[start]) if not table else ()
            translations = _translate_run(lexicon, source, table, said)
            for at in range(start, start + size):
                _add(found[at], words[at], translations)
                for part in said or (words[at],):
                    _add(found[at], words[at], _machine(lexicon, source, part))
            start += size
    return found


def forget_guesses() -> None:
    """Drop the remembered compound splits and typo corrections (for cold measurements)."""
    _parts.cache_clear()
    corrections.cache_clear()
