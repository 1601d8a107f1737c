"""The vocabulary: each distinct token gets one character, and the lexicon finds tokens fast.

Indexed text is stored as strings of token characters, so a phrase is a substring and a
position is an offset. A full build gives tokens their characters in sorted order, so every
prefix covers one contiguous range of characters; tokens first seen by a later upsert get the
next free characters and are kept in a small sorted side list until the next rebuild. The
tokens spelt backwards are kept sorted too, for the compounds that end with a word.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import defaultdict
from typing import Final

from app.search.analysis.analyzer import (
    BREAK,
    FIRST_TOKEN_CODE,
    HARD_SEPARATORS,
    LAST_TOKEN_CODE,
    MAX_TOKEN_CHARS,
    UNINDEXED,
    is_dense,
)

_AFTER_ALL: Final = "\U0010ffff"


class Vocabulary(dict[str, str]):
    """token -> its character. Looking up an unknown token assigns it the next free code."""

    def __init__(self, next_code: int = FIRST_TOKEN_CODE) -> None:
        super().__init__((separator, BREAK) for separator in HARD_SEPARATORS)
        self.next_code = next_code
        self.added: list[str] = []  # tokens assigned since the lexicon last looked
        self.assigned: dict[str, str] = {}  # character -> token, for assigned tokens

    def __missing__(self, token: str) -> str:
        if len(token) > MAX_TOKEN_CHARS or self.next_code > LAST_TOKEN_CODE:
            return UNINDEXED  # too long, or the code space is spent: searchable after a rebuild
        char = chr(self.next_code)
        self.next_code += 1
        self[token] = char
        self.added.append(token)
        self.assigned[char] = token
        return char

    def indexed_tokens(self) -> list[str]:
        """Every real token (hard separators excluded), in no particular order."""
        return [token for token, char in self.items() if char != BREAK]


def sorted_vocabulary(provisional: Vocabulary) -> tuple[Vocabulary, list[str], dict[int, int]]:
    """Renumber a vocabulary in sorted token order.

    Returns the new vocabulary, the sorted tokens (token i has code FIRST_TOKEN_CODE + i) and
    the str.translate table from provisional to final characters.
    """
    ordered = sorted(provisional.indexed_tokens())
    final = Vocabulary(FIRST_TOKEN_CODE + len(ordered))
    table: dict[int, int] = {}
    for i, token in enumerate(ordered):
        code = FIRST_TOKEN_CODE + i
        table[ord(provisional[token])] = code
        final[token] = chr(code)
    return final, ordered, table


class Lexicon:
    """Sorted tokens for prefix look-ups, and buckets by (first letter, length) for typos."""

    def __init__(self, vocabulary: Vocabulary, ordered: list[str]) -> None:
        self.vocabulary = vocabulary
        self.main = ordered
        self.extra: list[str] = []
        self.version = 0
        self._buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        self._initials: set[str] = set()
        self._prefix_lists: dict[tuple[str, int], list[str]] = {}
        self._dense_endings: dict[str, list[str]] | None = None
        # The build's tokens spelt backwards, sorted (made here, so that forked workers share it)
        self._reversed = sorted(token[::-1] for token in ordered)
        self._reversed_extra: list[str] = []  # those added since, spelt backwards, sorted
        for token in ordered:
            self._file(token)

    def _file(self, token: str) -> None:
        if is_dense(token[0]):
            if self._dense_endings is not None and len(token) == 2:
                self._dense_endings.setdefault(token[1], []).append(token)
            return
        self._buckets[(token[0], len(token))].append(token)
        self._initials.add(token[0])

    def sync(self) -> None:
        """Take in the tokens the vocabulary assigned since the last call."""
        added = self.vocabulary.added
        if not added:
            return
        for token in added:
            insort(self.extra, token)
            insort(self._reversed_extra, token[::-1])
            self._file(token)
        added.clear()
        self._prefix_lists.clear()
        self.version += 1

    def __contains__(self, token: object) -> bool:
        return token in self.vocabulary and self.vocabulary[str(token)] != BREAK

    def token(self, char: str) -> str | None:
        """The token of a character (None for reserved characters)."""
        at = ord(char) - FIRST_TOKEN_CODE
        if 0 <= at < len(self.main):
            return self.main[at]
        return self.vocabulary.assigned.get(char)

    def char(self, token: str) -> str | None:
        """The character of an indexed token, or None."""
        char = self.vocabulary.get(token)
        return None if char is None or char in (BREAK, UNINDEXED) else char

    def main_range(self, prefix: str) -> tuple[int, int]:
        """Code range [lo, hi) of the build-time tokens that start with `prefix`."""
        lo = bisect_left(self.main, prefix)
        hi = bisect_right(self.main, prefix + _AFTER_ALL, lo)
        return FIRST_TOKEN_CODE + lo, FIRST_TOKEN_CODE + hi

    def extra_with_prefix(self, prefix: str) -> list[str]:
        """Tokens added after the build that start with `prefix`."""
        lo = bisect_left(self.extra, prefix)
        hi = bisect_right(self.extra, prefix + _AFTER_ALL, lo)
        return self.extra[lo:hi]

    def with_prefix(self, prefix: str, limit: int | None = None) -> list[str]:
        """Every token starting with `prefix` (build-time ones first), at most `limit`."""
        lo, hi = self.main_range(prefix)
        if limit is not None:
            hi = min(hi, lo + limit)
        found = self.main[lo - FIRST_TOKEN_CODE : hi - FIRST_TOKEN_CODE]
        found.extend(self.extra_with_prefix(prefix))
        return found if limit is None else found[:limit]

    def ending_with(self, suffix: str, limit: int) -> list[str]:
        """At most `limit` tokens ending with `suffix`, build-time ones first."""
        backwards = suffix[::-1]
        found: list[str] = []
        for words in (self._reversed, self._reversed_extra):
            lo = bisect_left(words, backwards)
            hi = min(bisect_right(words, backwards + _AFTER_ALL, lo), lo + limit - len(found))
            found.extend(token[::-1] for token in words[lo:hi])
        return found

    def bucket(self, initial: str, length: int) -> list[str]:
        """Tokens (not dense) of this first letter and length."""
        return self._buckets.get((initial, length), [])

    def initials(self) -> set[str]:
        """First letters of the tokens that are not dense."""
        return self._initials

    def has_prefix(self, prefix: str) -> bool:
        """True when some token starts with `prefix`."""
        lo, hi = self.main_range(prefix)
        return hi > lo or bool(self.extra_with_prefix(prefix))

    def children(self, stem: str) -> set[str]:
        """The characters that follow `stem` in the tokens that continue it."""
        found: set[str] = set()
        size = len(stem)
        for words in (self.main, self.extra):
            at = bisect_left(words, stem)
            end = bisect_right(words, stem + _AFTER_ALL, at)
            while at < end:
                word = words[at]
                if len(word) == size:
                    at += 1
                    continue
                found.add(word[size])
                at = bisect_right(words, word[: size + 1] + _AFTER_ALL, at, end)
        return found

    def prefixes(self, stem: str, length: int) -> list[str]:
        """Distinct `length`-character beginnings of the tokens starting with `stem` (a token
        shorter than that counts whole)."""
        key = (stem, length)
        cached = self._prefix_lists.get(key)
        if cached is None:
            cached = list({word[:length] for word in self.with_prefix(stem)})
            if len(self._prefix_lists) >= 256:
                self._prefix_lists.clear()
            self._prefix_lists[key] = cached
        return cached

    def dense_ending_with(self, char: str) -> list[str]:
        """Two-character dense tokens whose second character is `char`."""
        if self._dense_endings is None:
            endings: dict[str, list[str]] = {}
            for token in (*self.main, *self.extra):
                if len(token) == 2 and is_dense(token[0]):
                    endings.setdefault(token[1], []).append(token)
            self._dense_endings = endings
        return self._dense_endings.get(char, [])
