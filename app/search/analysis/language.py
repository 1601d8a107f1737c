"""Which language a query is written in, as far as its words tell."""

from __future__ import annotations

from collections.abc import Iterable

from .stopwords import STOP_WORDS


def guess_languages(words: Iterable[str]) -> tuple[str, ...]:
    """The languages whose stop words the query uses most; none when it uses none.

    Keyword queries ("gps tracking") have no stop words and so no guess: their words are
    looked up in every language.
    """
    folded = list(words)
    counts = {lang: sum(w in stops for w in folded) for lang, stops in STOP_WORDS.items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return ()
    return tuple(language for language, count in counts.items() if count == best)


def stop_words_of(languages: Iterable[str]) -> frozenset[str]:
    """The stop words of these languages, together."""
    found: set[str] = set()
    for language in languages:
        found |= STOP_WORDS.get(language, frozenset())
    return frozenset(found)
