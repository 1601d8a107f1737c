"""A query as the queries of one federated Meilisearch multi-search.

The parser and dictionaries both backends share decide what a query means (app.search.
analysis.query, app.search.dictionaries.expansion); this turns that into what Meilisearch runs:

- the query itself, its stop words dropped, on every field (weight 1);
- its words' Snowball stems, per language, on that language's `stems_` field (Meilisearch
  does not stem; the backend adds the field to each document, see stems.py), weighing less;
- its words' translations, per language, on that language's fields, weighing half.

Exclusions go into every query, so no translation brings back a clause the reader excluded.
Meilisearch merges the hits by weighted ranking score, keeps each document once, and counts
the total and the facets over all the queries' matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from app.search.analysis.analyzer import is_dense
from app.search.analysis.query import (
    CharTerm,
    ParsedQuery,
    WordTerm,
    parse_query,
    translatable_words,
)
from app.search.analysis.stemming import STEMMED_LANGUAGES, root_of
from app.search.contract import SEARCHABLE_PREFIXES
from app.search.dictionaries.expansion import Translation, source_languages, translate
from app.search.dictionaries.lexicon import Lexicon

STEMS_PREFIX: Final = "stems_"
STEM_WEIGHT: Final = 0.8
TRANSLATION_WEIGHT: Final = 0.5
MAX_WORDS: Final = 10  # Meilisearch reads no further


@dataclass(frozen=True)
class SubQuery:
    """One query of the multi-search: its text, the fields it searches (all when None)."""

    q: str
    fields: tuple[str, ...] | None = None
    weight: float = 1.0


def _phrase_text(words: Sequence[str]) -> str:
    """A phrase's words as typed: bigrams of a dense run joined back into the run."""
    if words and all(is_dense(word[0]) for word in words):
        return words[0] + "".join(word[1:] for word in words[1:])
    return " ".join(words)


def _quoted(text: str) -> str:
    return f'"{text}"' if " " in text else text


def _exclusions(parsed: ParsedQuery) -> list[str]:
    words = [f"-{word}" for word in parsed.negative_words]
    phrases = [f'-"{_phrase_text(words)}"' for words in parsed.negative_phrases]
    return words + phrases


def _joined(parts: Sequence[str], exclusions: Sequence[str], prefix: bool) -> str:
    """Meilisearch query text; a trailing space keeps the last word from being a prefix."""
    text = " ".join([*parts[:MAX_WORDS], *exclusions])
    return text if prefix and not exclusions else text + " "


def main_text(parsed: ParsedQuery) -> str:
    """The query without its stop words, in Meilisearch's syntax."""
    parts: list[str] = []
    for term in parsed.terms:
        if isinstance(term, WordTerm):
            parts.append(term.word)
        elif isinstance(term, CharTerm):
            parts.append(term.char)
        elif term.run:
            parts.append(term.run)
        else:
            parts.append(f'"{_phrase_text(term.words)}"')
    last = parsed.terms[-1] if parsed.terms else None
    prefix = isinstance(last, WordTerm) and last.is_prefix
    return _joined(parts, _exclusions(parsed), prefix)


def _stem_languages(
    parsed: ParsedQuery, words: Sequence[str], lexicon: Lexicon | None
) -> tuple[str, ...]:
    """The query's language when guessed; else the languages its words are from, as the
    dictionaries tell; else every language that stems."""
    guessed = tuple(language for language in parsed.languages if language in STEMMED_LANGUAGES)
    if guessed:
        return guessed
    if lexicon is not None:
        known = source_languages(words, (), lexicon)
        told = tuple(language for language in known if language in STEMMED_LANGUAGES)
        if told:
            return told
    return STEMMED_LANGUAGES


def stem_queries(
    parsed: ParsedQuery, words: Sequence[str], lexicon: Lexicon | None
) -> list[SubQuery]:
    """Per language, the words' stems on its stems_ field."""
    exclusions = _exclusions(parsed)
    found: list[SubQuery] = []
    for language in _stem_languages(parsed, words, lexicon):
        ordered: list[str] = []
        for word in words:
            root = root_of(language, word)
            if root is not None and root not in ordered:
                ordered.append(root)
        if ordered:
            fields = (STEMS_PREFIX + language,)
            found.append(SubQuery(_joined(ordered, exclusions, False), fields, STEM_WEIGHT))
    return found


def translation_queries(
    parsed: ParsedQuery, words: Sequence[str], lexicon: Lexicon
) -> list[SubQuery]:
    """Per language, the words' translations on its fields: every word's first sense before
    any word's second, a translation of several words as a phrase."""
    by_word = translate(words, parsed.languages, lexicon)
    by_language: dict[str, list[str]] = {}
    senses = max((len(found) for found in by_word), default=0)
    for rank in range(senses):
        for found in by_word:
            chosen = _nth_per_language(found, rank)
            for translation in chosen:
                texts = by_language.setdefault(translation.language, [])
                text = _quoted(translation.text)
                if text not in texts:
                    texts.append(text)
    exclusions = _exclusions(parsed)
    return [
        SubQuery(
            _joined(texts, exclusions, False),
            tuple(prefix + language for prefix in SEARCHABLE_PREFIXES),
            TRANSLATION_WEIGHT,
        )
        for language, texts in sorted(by_language.items())
    ]


def _nth_per_language(found: Sequence[Translation], rank: int) -> list[Translation]:
    """The rank-th translation of a word into each language."""
    seen: dict[str, int] = {}
    chosen: list[Translation] = []
    for translation in found:
        position = seen.get(translation.language, 0)
        seen[translation.language] = position + 1
        if position == rank:
            chosen.append(translation)
    return chosen


def sub_queries(q: str, lexicon: Lexicon | None) -> list[SubQuery]:
    """The queries to federate for `q`; empty when it has no term to search for (a query
    of exclusions alone, or of nothing, is a plain filtered listing)."""
    parsed = parse_query(q)
    if not parsed.terms:
        return []
    words = [word for _, word in translatable_words(parsed)]
    queries = [SubQuery(main_text(parsed))]
    queries.extend(stem_queries(parsed, words, lexicon))
    if lexicon is not None and words:
        queries.extend(translation_queries(parsed, words, lexicon))
    return queries
