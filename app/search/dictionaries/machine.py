"""Apertium's lemmas for a vocabulary, in every direction the installed pairs reach.

A direction Debian ships (eng-spa) is run on the source language's vocabulary. A direction it
does not (eng-fra) goes through a language both reach (eng-spa, then spa-fra): the word's
first lemma in the middle language is translated on, as the lexicon's English pivot does for
FreeDict.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from .apertium import ApertiumError, Pair, translate_words

logger = logging.getLogger(__name__)

Lemmas = dict[str, list[str]]  # word as written -> target lemmas, best first


def _pivots(direct: Mapping[tuple[str, str], Pair]) -> dict[tuple[str, str], str]:
    """(source, target) -> the language to go through, for directions no pair runs."""
    languages = {language for pair in direct for language in pair}
    found: dict[tuple[str, str], str] = {}
    for source in sorted(languages):
        for target in sorted(languages - {source}):
            if (source, target) in direct:
                continue
            middle = [
                h for h in sorted(languages) if (source, h) in direct and (h, target) in direct
            ]
            if middle:
                found[(source, target)] = middle[0]
    return found


def _run(pair: Pair, words: Iterable[str]) -> Lemmas:
    try:
        return translate_words(pair, list(words))
    except ApertiumError as error:
        logger.warning("Apertium %s left out: %s", pair.name, error)
        return {}


def machine_lemmas(
    pairs: Iterable[Pair], vocabulary: Mapping[str, Iterable[str]]
) -> tuple[dict[tuple[str, str], Lemmas], dict[str, int]]:
    """Lemmas per (source, target) for each vocabulary word, and how many words each pair
    translated (by pair name)."""
    direct = {(pair.source, pair.target): pair for pair in pairs}
    found: dict[tuple[str, str], Lemmas] = {}
    for key, pair in direct.items():
        found[key] = _run(pair, vocabulary.get(pair.source, ()))
    pivots = _pivots(direct)
    for (source, target), middle in pivots.items():
        second = found[(middle, target)]
        missing = {
            lemmas[0] for lemmas in found[(source, middle)].values() if lemmas[0] not in second
        }
        if missing:
            second.update(_run(direct[(middle, target)], sorted(missing)))
    for (source, target), middle in pivots.items():
        onward = found[(middle, target)]
        found[(source, target)] = {
            word: onward[lemmas[0]]
            for word, lemmas in found[(source, middle)].items()
            if lemmas[0] in onward
        }
    counts = {direct[key].name: len(found[key]) for key in direct}
    return found, counts
