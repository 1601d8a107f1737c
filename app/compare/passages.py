"""A clause's text cut into passages, with the sub-theme's keywords marked where they appear.

Words are compared as the search index compares them: folded (lower case, no accents) and,
in a language with a stemmer, stemmed, so "disconnecting" meets the keyword "disconnection".
A keyword of several words matches only as a run of consecutive words. Keywords of scripts
written without spaces (Japanese, Chinese, Thai) are found as they are written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from app.search.analysis.analyzer import has_dense, normalize
from app.search.analysis.stemming import STEMMED_LANGUAGES, stem, stemmable

WORD_RE: Final = re.compile(r"\w+")
# One passage per line (numbered paragraphs); a line longer than this is cut at its sentences.
LONG_PASSAGE: Final = 400
SENTENCE_END_RE: Final = re.compile(r"(?<=[.!?;。！？])\s+")


@dataclass(frozen=True)
class Passage:
    """A piece of the text; `marks` are (start, end) offsets of keywords within it."""

    text: str
    marks: tuple[tuple[int, int], ...]

    @property
    def mentions(self) -> bool:
        return bool(self.marks)


def _key(language: str, word: str) -> str:
    folded = normalize(word)
    if language in STEMMED_LANGUAGES and stemmable(folded):
        return stem(language, folded)
    return folded


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if len(line) <= LONG_PASSAGE:
            pieces.append(line)
        else:
            pieces.extend(s for s in SENTENCE_END_RE.split(line))
    return [piece for piece in pieces if piece]


@dataclass(frozen=True)
class KeywordMarker:
    """The keywords of one language, ready to be found in texts of that language."""

    language: str
    phrases: tuple[tuple[str, ...], ...]
    written: tuple[str, ...]

    @classmethod
    def of(cls, language: str, keywords: Iterable[str]) -> KeywordMarker:
        base = language.split("-")[0].lower()
        phrases: set[tuple[str, ...]] = set()
        written: set[str] = set()
        for keyword in keywords:
            if has_dense(normalize(keyword)):
                written.add(keyword.strip().casefold())
                continue
            keys = tuple(_key(base, word) for word in WORD_RE.findall(keyword))
            if keys:
                phrases.add(keys)
        return cls(base, tuple(sorted(phrases, key=len, reverse=True)), tuple(sorted(written)))

    def marks(self, text: str) -> tuple[tuple[int, int], ...]:
        """Where the keywords appear in the text, merged where they overlap."""
        words = [(m.start(), m.end(), _key(self.language, m[0])) for m in WORD_RE.finditer(text)]
        keys = [key for _, _, key in words]
        found: list[tuple[int, int]] = []
        for phrase in self.phrases:
            size = len(phrase)
            for i in range(len(keys) - size + 1):
                if tuple(keys[i : i + size]) == phrase:
                    found.append((words[i][0], words[i + size - 1][1]))
        folded = text.casefold()
        for keyword in self.written:
            start = folded.find(keyword)
            while start >= 0:
                found.append((start, start + len(keyword)))
                start = folded.find(keyword, start + len(keyword))
        return _merged(found)


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def passages(text: str, marker: KeywordMarker) -> list[Passage]:
    """The text's passages in order, each with its keywords marked."""
    return [Passage(piece, marker.marks(piece)) for piece in _pieces(text)]
