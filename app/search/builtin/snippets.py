"""Snippets: about 30 words of a text around its best match, matched words marked.

Like Meilisearch's cropping, the window is the one holding the most distinct matched terms,
centred on them, with "…" where the text was cut. Which tokens matched comes from the index
(token positions found while ranking), so typo and prefix matches and phrases are marked as
they matched. A word counts one, a character of a script indexed as bigrams counts half.

The stored text is split again here (as stored: folding keeps letters letters, so it splits
the same way). Each mark is checked against the index's token before it is shown; if the two
ever disagree, the snippet falls back to the opening words, unmarked.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate, islice
from typing import Final

from app.search.analysis.analyzer import (
    BREAK,
    HARD_SEPARATORS,
    TOKEN_RE,
    has_dense,
    is_dense,
    normalize,
)
from app.search.contract import MARK_END, MARK_START

CROP_WORDS: Final = 30
ELLIPSIS: Final = "…"
WORD_WEIGHT: Final = 2
DENSE_WEIGHT: Final = 1
_HARD: Final = frozenset(HARD_SEPARATORS)
_SPLIT_RE: Final = re.compile(f"({TOKEN_RE.pattern})")

# A matched stretch of tokens: (first token, last token, query term).
Mark = tuple[int, int, int]


def _word_weights(tokens: str) -> list[int]:
    """Weight of the tokens before each position, from the index's token string (hard
    separators weigh nothing)."""
    weights = [WORD_WEIGHT] * len(tokens)
    at = tokens.find(BREAK)
    while at >= 0:
        weights[at] = 0
        at = tokens.find(BREAK, at + 1)
    return [0, *accumulate(weights)]


def _dense_units(
    text: str, last: int, budget: int
) -> tuple[list[tuple[int, int]], list[int], bool]:
    """Spans of the tokens of a text holding dense script, the weight before each, and
    whether the text was read to its end: reading stops once the tokens after token `last`
    weigh more than `budget`, as no window can reach them."""
    spans: list[tuple[int, int]] = []
    weights: list[int] = [0]
    weight = 0
    beyond: int | None = None  # the weight a window from `last` on cannot pass
    for match in TOKEN_RE.finditer(text):
        start, end = match.span()
        if end - start > 1 and is_dense(text[start]):
            # A run of dense script is indexed as its overlapping pairs of characters.
            pairs = end - start - 1
            spans.extend(zip(range(start, end - 1), range(start + 2, end + 1), strict=True))
            weights.extend(
                range(weight + DENSE_WEIGHT, weight + DENSE_WEIGHT * (pairs + 1), DENSE_WEIGHT)
            )
            weight += DENSE_WEIGHT * pairs
        else:
            spans.append((start, end))
            if end - start > 1:
                weight += WORD_WEIGHT
            elif is_dense(text[start]):
                weight += DENSE_WEIGHT  # a lone character of dense script
            elif text[start] not in _HARD:
                weight += WORD_WEIGHT  # a one-letter word (hard separators weigh nothing)
            weights.append(weight)
        if beyond is None and len(spans) > last:
            beyond = weights[last + 1] + budget
        if beyond is not None and weight > beyond:
            return spans, weights, False
    return spans, weights, True


def _window(prefix: list[int], marks: list[Mark], budget: int) -> tuple[int, int]:
    """[lo, hi) of the tokens to show: the stretch of at most `budget` weight holding the most
    distinct matched terms (then the most matches), centred on its matches. `prefix[i]` is the
    weight of the tokens before i."""
    count = len(prefix) - 1
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
        return marks[0][0], marks[0][1] + 1
    first = -best[2]
    spread = prefix[best_last + 1] - prefix[first]
    lo = bisect_left(prefix, prefix[first] - (budget - spread) // 2, 0, first + 1)
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


def _render(
    text: str, spans: list[tuple[int, int]], lo: int, hi: int, count: int, marks: list[Mark]
) -> str:
    """Tokens lo..hi-1 of the text (`spans` holds theirs, from lo on), the marks marked."""
    start = 0 if lo == 0 else spans[0][0]
    end = len(text) if hi >= count else spans[hi - 1 - lo][1]
    shown = [
        (spans[max(a, lo) - lo][0], spans[min(b, hi - 1) - lo][1])
        for a, b, _ in marks
        if a < hi and b >= lo
    ]
    pieces: list[str] = []
    cursor = start
    for mark_start, mark_end in _merged(shown):
        mark_start, mark_end = max(mark_start, start), min(mark_end, end)
        if mark_end <= mark_start:
            continue
        pieces.append(text[cursor:mark_start])
        pieces.append(MARK_START + text[mark_start:mark_end] + MARK_END)
        cursor = mark_end
    pieces.append(text[cursor:end])
    body = "".join(pieces).strip()
    return (ELLIPSIS if lo > 0 else "") + body + (ELLIPSIS if hi < count else "")


def opening(text: str, dense: bool | None = None, crop: int = CROP_WORDS) -> str:
    """The first words of a text, unmarked (`dense`: whether it holds dense script, if known)."""
    text = text if text.isascii() else unicodedata.normalize("NFC", text)
    dense = has_dense(text) if dense is None else dense
    if dense:
        return _dense_opening(text, crop * WORD_WEIGHT)
    # Enough tokens for `crop` words unless full stops are many: then look further.
    reach = crop + 8
    while True:
        pieces = _SPLIT_RE.split(text, maxsplit=reach)
        tokens = pieces[1::2]
        words = [i for i, token in enumerate(tokens) if token not in _HARD]
        if len(words) > crop:
            end = sum(map(len, pieces[: 2 * words[crop - 1] + 2]))
            return text[:end].strip() + ELLIPSIS
        if len(tokens) < reach:
            return text.strip()
        reach *= 2


def _dense_opening(text: str, budget: int) -> str:
    spent = 0
    end = 0
    for match in TOKEN_RE.finditer(text):
        start, stop = match.span()
        if is_dense(text[start]):
            room = budget - spent
            if stop - start - 1 > room:
                return text[: start + room + 1].strip() + ELLIPSIS
            spent += max(1, stop - start - 1) * DENSE_WEIGHT
        elif not (stop - start == 1 and text[start] in _HARD):
            if spent + WORD_WEIGHT > budget:
                return text[:end].strip() + ELLIPSIS
            spent += WORD_WEIGHT
        end = stop
    return text.strip()


def _word_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Spans of tokens lo..hi-1 of a text without dense script (those before are skipped
    inside the regex engine)."""
    return [match.span() for match in islice(TOKEN_RE.finditer(text), lo, hi)]


def snippet(
    text: str,
    marks: list[Mark],
    tokens: str,
    lookup: Callable[[str], str | None],
    dense: bool,
    crop: int = CROP_WORDS,
) -> str:
    """A cropped excerpt of `text` with `marks` marked.

    `tokens` is the index's token string of this text, `lookup` gives the token character of a
    normalized token: together they confirm that a mark sits where the index saw it. `dense`
    says whether the text holds dense script.
    """
    if not text:
        return ""
    base = text if text.isascii() else unicodedata.normalize("NFC", text)
    count = len(tokens)
    marks = [m for m in marks if 0 <= m[0] <= m[1] < count]
    if not marks:
        return opening(base, dense, crop)
    if dense:
        last = max(m[1] for m in marks)
        units, prefix, whole = _dense_units(base, last, crop * WORD_WEIGHT)
        if len(units) != count if whole else len(units) <= last:
            return opening(base, dense, crop)
        lo, hi = _window(prefix, marks, crop * WORD_WEIGHT)
        spans = units[lo:hi]
    else:
        lo, hi = _window(_word_weights(tokens), marks, crop * WORD_WEIGHT)
        while lo < hi and lo > 0 and tokens[lo] == BREAK:
            lo += 1  # do not open on a full stop
        while hi < count and tokens[hi] == BREAK:
            hi += 1  # keep the full stop that ends the last sentence
        spans = _word_spans(base, lo, hi)
    if not spans or len(spans) < hi - lo:
        return opening(base, dense, crop)
    for first, _, _ in marks:
        if lo <= first < hi:
            start, end = spans[first - lo]
            if lookup(normalize(base[start:end])) != tokens[first]:
                return opening(base, dense, crop)
    return _render(base, spans, lo, hi, count, marks)
