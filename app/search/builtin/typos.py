"""Which indexed tokens a query word stands for: itself, its continuations, its near misses.

Meilisearch's defaults: no typo under 5 letters, one from 5, two from 9; a swap of two
neighbouring letters is one typo (optimal string alignment distance). The first letter is
held fixed, except that a word allowed two typos may differ in its first letter alone, which
then counts as two typos. As in Meilisearch, at most 150 one-typo and 50 two-typo tokens are
kept per word.

The last word of a query is also a prefix, and a prefix may carry typos too: it then matches
the tokens whose beginning is within the budget. One typo in a prefix is found exactly, by
walking the sorted tokens like a trie; for a second typo the first three letters are held
(Meilisearch holds only the first), which keeps the search to a small set of beginnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .lexicon import Lexicon

ONE_TYPO_FROM: Final = 5
TWO_TYPOS_FROM: Final = 9
MAX_ONE_TYPO: Final = 150
MAX_TWO_TYPOS: Final = 50
MAX_TYPO_WORD: Final = 64  # longer words are no one's typo


def typo_budget(word: str) -> int:
    """How many typos a query word of this length may carry."""
    if len(word) < ONE_TYPO_FROM:
        return 0
    return 1 if len(word) < TWO_TYPOS_FROM else 2


@dataclass(frozen=True)
class Derivation:
    """What one query word matches, as token characters."""

    word: str
    is_prefix: bool
    exact: str | None  # the character of the word itself, when indexed
    prefix_codes: tuple[int, int]  # [lo, hi): build-time tokens that continue the word
    prefix_chars: tuple[str, ...]  # later tokens that continue the word
    typo_chars: tuple[tuple[str, int], ...]  # (character, typos) of near misses
    typo_tokens: frozenset[str]  # the near misses themselves, as tokens


def _closest(word: str, choices: list[str], budget: int) -> list[tuple[str, int]]:
    if not choices:
        return []
    found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=budget, limit=None)
    return [(choice, int(distance)) for choice, distance, _ in found if distance > 0]


def _length_range(word: str, budget: int) -> range:
    return range(max(1, len(word) - budget), len(word) + budget + 1)


def _same_initial(lexicon: Lexicon, word: str, budget: int) -> dict[str, int]:
    """Whole-word near misses that keep the first letter, with their typo counts."""
    found: dict[str, int] = {}
    for length in _length_range(word, budget):
        for token, distance in _closest(word, lexicon.bucket(word[0], length), budget):
            found[token] = min(distance, found.get(token, distance))
    return found


def _one_edit_heads(lexicon: Lexicon, word: str) -> set[str]:
    """Beginnings one edit from `word` (first letter kept) that some token starts with."""
    heads: set[str] = set()
    for i in range(1, len(word) + 1):
        stem = word[:i]
        if not lexicon.has_prefix(stem):
            break  # every later edit keeps this stem, so nothing further can match
        following = lexicon.children(stem)
        rest = word[i + 1 :]
        for char in following:
            heads.add(stem + char + word[i:])  # insertion
            if i < len(word) and char != word[i]:
                heads.add(stem + char + rest)  # substitution
        if i < len(word):
            heads.add(stem + rest)  # deletion
        if i + 1 < len(word) and word[i] != word[i + 1]:
            heads.add(stem + word[i + 1] + word[i] + word[i + 2 :])  # swap
    heads.discard(word)
    return {head for head in heads if lexicon.has_prefix(head)}


def _two_edit_heads(lexicon: Lexicon, word: str) -> dict[str, int]:
    """Beginnings within two edits of `word` that keep its first three letters."""
    stem = word[:3]
    heads: dict[str, int] = {}
    for length in _length_range(word, 2):
        for head, distance in _closest(word, lexicon.prefixes(stem, length), 2):
            heads[head] = min(distance, heads.get(head, distance))
    return heads


def _prefix_misses(lexicon: Lexicon, word: str, budget: int) -> dict[str, int]:
    """Tokens whose beginning is within the budget of `word` (and that do not start with it)."""
    heads = dict.fromkeys(_one_edit_heads(lexicon, word), 1)
    if budget == 2:
        for head, distance in _two_edit_heads(lexicon, word).items():
            heads.setdefault(head, distance)
    found: dict[str, int] = {}
    limits = {1: MAX_ONE_TYPO, 2: MAX_TWO_TYPOS}
    for head, distance in sorted(heads.items(), key=lambda item: (item[1], item[0])):
        room = limits[distance] - sum(1 for d in found.values() if d == distance)
        if room <= 0:
            continue
        for token in lexicon.with_prefix(head, limit=room + 8):
            if not token.startswith(word) and found.get(token, 3) > distance:
                found[token] = distance
    return found


def _other_initial(lexicon: Lexicon, word: str, is_prefix: bool) -> set[str]:
    """Tokens one edit away whose edit changes the first letter (counted as two typos)."""
    first = word[0]
    variants: set[str] = set()
    if len(word) > 1 and word[1] != first:
        variants.add(word[1:])
        variants.add(word[1] + first + word[2:])
    for initial in lexicon.initials():
        if initial != first:
            variants.add(initial + word[1:])
            variants.add(initial + word)
    found: set[str] = set()
    for variant in sorted(variants):
        if is_prefix:
            found.update(lexicon.with_prefix(variant, limit=MAX_TWO_TYPOS))
        elif variant in lexicon:
            found.add(variant)
        if len(found) >= MAX_TWO_TYPOS * 4:
            break
    return found


def _capped(found: dict[str, int]) -> list[tuple[str, int]]:
    ordered = sorted(found.items(), key=lambda item: (item[1], item[0]))
    ones = [item for item in ordered if item[1] == 1][:MAX_ONE_TYPO]
    twos = [item for item in ordered if item[1] == 2][:MAX_TWO_TYPOS]
    return ones + twos


def derive(lexicon: Lexicon, word: str, is_prefix: bool) -> Derivation:
    """The derivation of one query word (normalized, not dense)."""
    budget = typo_budget(word) if len(word) <= MAX_TYPO_WORD else 0
    prefix_codes = (0, 0)
    prefix_chars: tuple[str, ...] = ()
    if is_prefix:
        prefix_codes = lexicon.main_range(word)
        later = (lexicon.char(token) for token in lexicon.extra_with_prefix(word))
        prefix_chars = tuple(char for char in later if char is not None)
    found: dict[str, int] = {}
    if budget:
        found = _same_initial(lexicon, word, budget)
        if is_prefix:
            for token, typos in _prefix_misses(lexicon, word, budget).items():
                found[token] = min(typos, found.get(token, typos))
        if budget == 2:
            for token in _other_initial(lexicon, word, is_prefix):
                if not (is_prefix and token.startswith(word)) and token not in found:
                    found[token] = 2
    found.pop(word, None)
    if is_prefix:
        # Continuations of the prefix already match with no typo.
        found = {token: typos for token, typos in found.items() if not token.startswith(word)}
    typo_chars: list[tuple[str, int]] = []
    typo_tokens: set[str] = set()
    for token, typos in _capped(found):
        char = lexicon.char(token)
        if char is not None:
            typo_chars.append((char, typos))
            typo_tokens.add(token)
    return Derivation(
        word=word,
        is_prefix=is_prefix,
        exact=lexicon.char(word),
        prefix_codes=prefix_codes,
        prefix_chars=prefix_chars,
        typo_chars=tuple(typo_chars),
        typo_tokens=frozenset(typo_tokens),
    )


class Deriver:
    """derive() with a memory, forgotten whenever the lexicon changes."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._version = lexicon.version
        self._memo: dict[tuple[str, bool], Derivation] = {}

    def __call__(self, word: str, is_prefix: bool) -> Derivation:
        if self._version != self.lexicon.version:
            self._memo.clear()
            self._version = self.lexicon.version
        key = (word, is_prefix)
        cached = self._memo.get(key)
        if cached is None:
            cached = derive(self.lexicon, word, is_prefix)
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo[key] = cached
        return cached
