"""Snippets: about 30 words of a text around its best match, matched words marked.

Like Meilisearch's cropping, the window is the one holding the most distinct matched terms,
centred on them, with "…" where the text was cut. Which tokens matched comes from the index
(token positions found by the ranking), so typo and prefix matches and phrases are marked as
they matched. A word counts one, a character of a script indexed as bigrams counts half.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate, islice
from typing import Final

from app.search.contract import MARK_END, MARK_START

from .analyzer import HARD_SEPARATORS, TOKEN_RE, bigrams, has_dense, is_dense

CROP_WORDS: Final = 30
ELLIPSIS: Final = "…"
WORD_WEIGHT: Final = 2
DENSE_WEIGHT: Final = 1

# A matched stretch of tokens: (first token, last token, query term).
Mark = tuple[int, int, int]


_HARD: Final = frozenset(HARD_SEPARATORS)


def _units(text: str) -> tuple[list[str], list[int]]:
    """The tokens of `text` as the index numbers them, and their weights for cropping.

    The text is read as stored (not folded): folding keeps letters letters, so the tokens
    are the same; where they are not, the caller's token count tells.
    """
    found = TOKEN_RE.findall(text)
    if not has_dense(text):
        return found, [0 if token in _HARD else WORD_WEIGHT for token in found]
    units: list[str] = []
    weights: list[int] = []
    for token in found:
        if is_dense(token[0]):
            pairs = bigrams(token)
            units.extend(pairs)
            weights.extend([DENSE_WEIGHT] * len(pairs))
        else:
            units.append(token)
            weights.append(0 if token in _HARD else WORD_WEIGHT)
    return units, weights


def _spans(text: str, count: int) -> list[tuple[int, int]]:
    """Character spans of the first `count` tokens of `text`."""
    if not has_dense(text):
        return [match.span() for match in islice(TOKEN_RE.finditer(text), count)]
    spans: list[tuple[int, int]] = []
    for match in TOKEN_RE.finditer(text):
        start, end = match.span()
        if end - start > 1 and is_dense(text[start]):
            spans.extend((at, at + 2) for at in range(start, end - 1))
        else:
            spans.append((start, end))
        if len(spans) >= count:
            break
    return spans[:count]


def _window(weights: list[int], marks: list[Mark], budget: int) -> tuple[int, int]:
    """[lo, hi) of the tokens to show: the stretch of at most `budget` weight holding the most
    distinct matched terms (then the most matches), centred on its matches."""
    count = len(weights)
    prefix = [0, *accumulate(weights)]
    if prefix[-1] <= budget:
        return 0, count
    if not marks:
        return 0, bisect_right(prefix, budget) - 1
    marks = sorted(marks)
    best: tuple[int, int, int] | None = None
    best_last = 0
    inside: dict[int, int] = {}  # term -> matches in the current stretch
    j = 0
    for i, (first, _, term) in enumerate(marks):
        end = bisect_right(prefix, prefix[first] + budget) - 1
        j = max(j, i)
        while j < len(marks) and marks[j][1] < end:
            inside[marks[j][2]] = inside.get(marks[j][2], 0) + 1
            j += 1
        if j > i:
            score = (len(inside), j - i, -first)
            if best is None or score > best:
                best = score
                best_last = max(m[1] for m in marks[i:j])
            inside[term] -= 1
            if not inside[term]:
                del inside[term]
    if best is None:  # a single match longer than the budget
        first, last, _ = marks[0]
        return first, last + 1
    first = -best[2]
    spread = prefix[best_last + 1] - prefix[first]
    lo = bisect_left(prefix, prefix[first] - (budget - spread) // 2)
    hi = max(bisect_right(prefix, prefix[lo] + budget) - 1, best_last + 1)
    return lo, hi


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _opening(text: str, budget: int) -> str:
    """The first words of a text, up to the budget."""
    spent = 0
    end = 0
    cut = False
    dense = has_dense(text)
    for match in TOKEN_RE.finditer(text):
        start, stop = match.span()
        token = match.group()
        if dense and is_dense(token[0]):
            room = budget - spent
            if stop - start - 1 > room:
                end = start + room + 1
                cut = True
                break
            spent += max(1, stop - start - 1) * DENSE_WEIGHT
        elif token in _HARD:
            pass
        elif spent + WORD_WEIGHT > budget:
            cut = True
            break
        else:
            spent += WORD_WEIGHT
        end = stop
    if not cut:
        return text.strip()
    return text[:end].strip() + ELLIPSIS


def snippet(
    text: str, marks: list[Mark] | None = None, tokens: int | None = None, crop: int = CROP_WORDS
) -> str:
    """A cropped excerpt of `text` with `marks` (token positions) marked.

    `tokens` is how many tokens the index counted in the text: when the text splits otherwise
    here, positions cannot be trusted and nothing is marked.
    """
    if not text:
        return ""
    base = text if text.isascii() else unicodedata.normalize("NFC", text)
    if not marks:
        return _opening(base, crop * WORD_WEIGHT)
    units, weights = _units(base)
    count = len(units)
    usable = [m for m in marks or [] if 0 <= m[0] <= m[1] < count]
    if tokens is not None and tokens != count:
        usable = []
    lo, hi = _window(weights, usable, crop * WORD_WEIGHT)
    while lo < hi and lo > 0 and weights[lo] == 0:
        lo += 1  # do not open on a full stop
    while hi < count and weights[hi] == 0:
        hi += 1  # keep the full stop that ends the last sentence
    spans = _spans(base, hi)
    if len(spans) < hi:  # cannot happen: the same expression split the same text
        return base[:200]
    start = 0 if lo == 0 else spans[lo][0]
    end = len(base) if hi >= count else spans[hi - 1][1]
    shown = [(spans[a][0], spans[min(b, hi - 1)][1]) for a, b, _ in usable if a < hi]
    pieces: list[str] = []
    cursor = start
    for mark_start, mark_end in _merged(shown):
        mark_start, mark_end = max(mark_start, start), min(mark_end, end)
        if mark_end <= mark_start:
            continue
        pieces.append(base[cursor:mark_start])
        pieces.append(MARK_START + base[mark_start:mark_end] + MARK_END)
        cursor = mark_end
    pieces.append(base[cursor:end])
    body = "".join(pieces).strip()
    return (ELLIPSIS if lo > 0 else "") + body + (ELLIPSIS if hi < count else "")
