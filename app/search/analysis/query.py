"""Query syntax, as Meilisearch reads it: words, "phrases", -exclusions; the rest is text.

- `"..."` is a phrase: consecutive words, no typos, no prefix. A quote never closed runs to
  the end of the query; a hard separator (a full stop...) inside a phrase splits it.
- `-word` and `-"phrase"` exclude documents; the minus counts only at the start of a word
  (after a space or at the start of the query), so `co-determination` is two plain words.
- The last word is also a prefix, unless something follows it (even a space or a comma).
- Only the first ten terms count (words and phrases; exclusions do not count).
- Stop words of the query's language (app.search.analysis) are dropped, outside phrases,
  unless nothing else is left.
- Runs of a script written without spaces become a phrase of their bigrams (Japanese runs
  are first cut into words where the script changes, app.search.analysis.japanese); a single
  such character matches every token containing it.
Nothing here can fail: any string gives a (possibly empty) query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Final

from app.search.analysis.analyzer import bigrams, normalize, units
from app.search.analysis.japanese import japanese_words
from app.search.analysis.language import guess_languages, stop_words_of
from app.search.contract import MAX_QUERY_CHARS

MAX_TERMS: Final = 10
_LEXEME_RE: Final = re.compile(r'"|\s+|[^\s"]+')


@dataclass(frozen=True)
class WordTerm:
    """One word, with typos by length, and as a prefix when it ends the query."""

    word: str
    is_prefix: bool = False


@dataclass(frozen=True)
class PhraseTerm:
    """Consecutive tokens; `run` is the unspaced text they were cut from, if any."""

    words: tuple[str, ...]
    run: str = field(default="", compare=False)


@dataclass(frozen=True)
class CharTerm:
    """A lone character of a dense script: any token containing it."""

    char: str


Term = WordTerm | PhraseTerm | CharTerm


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...] = ()
    negative_words: tuple[str, ...] = ()
    negative_phrases: tuple[tuple[str, ...], ...] = ()
    languages: tuple[str, ...] = ()  # the query's language, as guessed from its stop words


@dataclass
class _Phrase:
    negative: bool
    words: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, stop_words: frozenset[str]) -> None:
        self.stop_words = stop_words
        self.dropped = 0
        self.terms: list[Term] = []
        self.negative_words: list[str] = []
        self.negative_phrases: list[tuple[str, ...]] = []
        self.phrase: _Phrase | None = None

    @property
    def full(self) -> bool:
        return len(self.terms) >= MAX_TERMS

    def close_phrase(self) -> None:
        phrase, self.phrase = self.phrase, None
        if phrase is None or not phrase.words:
            return
        if phrase.negative:
            self.negative_phrases.append(tuple(phrase.words))
        elif not self.full:
            self.terms.append(PhraseTerm(tuple(phrase.words)))

    def add_to_phrase(self, chunk: str) -> None:
        assert self.phrase is not None
        for kind, text, _ in units(chunk):
            if kind == "hard":
                negative = self.phrase.negative
                self.close_phrase()
                self.phrase = _Phrase(negative)
            elif kind == "dense":
                self.phrase.words.extend(bigrams(text))
            else:
                self.phrase.words.append(text)

    def add_dense(self, text: str, negative: bool) -> None:
        if negative:
            self.negative_phrases.append(tuple(bigrams(text)))
            return
        for word in japanese_words(text):
            if self.full:
                return
            if len(word) == 1:
                self.terms.append(CharTerm(word))
            else:
                self.terms.append(PhraseTerm(tuple(bigrams(word)), run=word))

    def add_chunk(self, chunk: str, negative: bool, ends_query: bool) -> None:
        for kind, text, end in units(chunk):
            if self.full:
                return
            if kind == "dense":
                self.add_dense(text, negative)
            elif kind == "word":
                if negative:
                    self.negative_words.append(text)
                elif text in self.stop_words:
                    self.dropped += 1
                else:
                    self.terms.append(WordTerm(text, ends_query and end == len(chunk)))
            if kind != "hard":
                negative = False


def translatable_words(parsed: ParsedQuery) -> list[tuple[int, str]]:
    """(term position, word) of the terms that stem and translate: plain words and unspaced
    runs (a quoted phrase keeps its own words)."""
    found: list[tuple[int, str]] = []
    for position, term in enumerate(parsed.terms):
        if isinstance(term, WordTerm):
            found.append((position, term.word))
        elif isinstance(term, PhraseTerm) and term.run:
            found.append((position, term.run))
    return found


def parse_query(q: str) -> ParsedQuery:
    """Terms, exclusions and phrases of a raw query string."""
    text = normalize(q[:MAX_QUERY_CHARS])
    languages = guess_languages(word for kind, word, _ in units(text) if kind == "word")
    parsed = _parse(text, stop_words_of(languages))
    if parsed is None:
        parsed = _parse(text, frozenset())
        assert parsed is not None
    return replace(parsed, languages=languages)


def _parse(text: str, stop_words: frozenset[str]) -> ParsedQuery | None:
    """The parsed query; None when only its stop words would have been terms."""
    parser = _Parser(stop_words)
    lexemes = _LEXEME_RE.findall(text)
    after_space = True
    minus_before_quote = False
    for i, lexeme in enumerate(lexemes):
        if parser.full:
            break
        is_last = i == len(lexemes) - 1
        if lexeme == '"':
            if parser.phrase is not None:
                parser.close_phrase()
            else:
                parser.phrase = _Phrase(minus_before_quote)
        elif lexeme.isspace():
            pass
        elif parser.phrase is not None:
            parser.add_to_phrase(lexeme)
        elif lexeme == "-":
            pass  # a minus alone only matters before a quote (below)
        else:
            negative = after_space and lexeme.startswith("-") and not lexeme.startswith("--")
            parser.add_chunk(lexeme[1:] if negative else lexeme, negative, is_last)
        minus_before_quote = lexeme == "-" and after_space
        after_space = lexeme.isspace()
    if not parser.full:
        parser.close_phrase()
    if parser.dropped and not parser.terms:
        return None
    return ParsedQuery(
        tuple(parser.terms), tuple(parser.negative_words), tuple(parser.negative_phrases)
    )
