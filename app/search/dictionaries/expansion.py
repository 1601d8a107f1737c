"""A query's words in the other languages, through the lexicon: the same for every backend.

The words are read in the query's language (guessed from its stop words), or, for a query of
keywords, in the languages whose dictionaries know most of them. Runs of up to three words are
looked up first ("huella dactilar" -> fingerprint), then single words. Each word brings its
best SENSES translations into each other language; where no dictionary joins two languages,
the English translations are translated on (a pivot). A run's translations belong to each of
its words. Where the lexicon holds Apertium's lemmas, each word also brings its best SENSES
of those, after the dictionaries' (the two sources often agree, and each knows words the other
does not).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from .keys import lookup_key
from .lexicon import Lexicon

SENSES: Final = 2
MAX_RUN: Final = 3
MAX_SOURCES: Final = 2
PIVOT: Final = "en"


@dataclass(frozen=True)
class Translation:
    """A query word (or run) said in another language: folded text, words space-separated."""

    language: str
    text: str


def source_languages(
    words: Sequence[str], guessed: Sequence[str], lexicon: Lexicon
) -> tuple[str, ...]:
    """The languages to read the words in."""
    known = [language for language in guessed if language in lexicon.languages]
    if known:
        return tuple(known[:MAX_SOURCES])
    counts: dict[str, int] = {}
    for language in sorted(lexicon.languages):
        found = sum(bool(lexicon.translations(language, lookup_key(language, w))) for w in words)
        if found:
            counts[language] = found
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


def _add(found: list[Translation], word: str, target: str, texts: Sequence[str]) -> None:
    for text in texts:
        translation = Translation(target, text)
        if translation not in found and text != word:
            found.append(translation)


def translate(
    words: Sequence[str], guessed: Sequence[str], lexicon: Lexicon
) -> list[list[Translation]]:
    """For each word, its translations into every other language the lexicon has."""
    found: list[list[Translation]] = [[] for _ in words]
    for source in source_languages(words, guessed, lexicon):
        start = 0
        while start < len(words):
            size, table = _run_at(lexicon, source, words, start)
            for target in sorted(lexicon.languages - {source}):
                texts = list(table.get(target, ())[:SENSES])
                if not texts and PIVOT not in (source, target):
                    texts = _pivoted(lexicon, table, target)
                for at in range(start, start + size):
                    _add(found[at], words[at], target, texts)
            for at in range(start, start + size):
                machine = lexicon.machine(source, lookup_key(source, words[at]))
                for target, lemmas in sorted(machine.items()):
                    _add(found[at], words[at], target, lemmas[:SENSES])
            start += size
    return found
