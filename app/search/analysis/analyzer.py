"""Text analysis shared by indexing, querying and snippets.

Folding makes matching case- and accent-insensitive (NFKD, combining diacritics dropped,
casefold, a few letters that do not decompose mapped by hand). Tokens are runs of word
characters; scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar, and Hangul
for substring matching) are cut into overlapping two-character tokens instead. Sentence ends
are kept as hard separators so that phrases and proximity do not run across them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Final

from app.search.contract import MARK_END, MARK_START

# Reserved characters of a token string (see records.py): the field separator, the hard
# separator, and the character of tokens too long (or too many) to be indexed.
SEP: Final = "\x00"
BREAK: Final = "\x01"
UNINDEXED: Final = "\U0010ffff"
FIRST_TOKEN_CODE: Final = 2
LAST_TOKEN_CODE: Final = 0x10FFFE
MAX_TOKEN_CHARS: Final = 100

# Sentence ends. The full-width forms are listed too, though folding turns them into ASCII,
# so that stored text (unfolded) splits exactly like indexed text.
HARD_SEPARATORS: Final = (
    ".!?;\n\u2028\u2029\u3002\uff61\uff0e\uff01\uff1f\uff1b"
    "\u0964\u0965\u061f\u06d4\u104a\u104b\u17d4\u17d5\u0e5a\u0e5b"
)

# Scripts without spaces between words, by code point range; only letters, marks and digits of
# these blocks count (punctuation inside them stays a separator).
_DENSE_BLOCKS: Final = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3031, 0x3035),  # kana repeat marks
    (0x3038, 0x303C),
    (0x3041, 0x30FF),  # Hiragana, Katakana
    (0x3130, 0x318F),  # Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul Jamo extended A
    (0xA9E0, 0xA9FF),  # Myanmar extended B
    (0xAA60, 0xAA7F),  # Myanmar extended A
    (0xAC00, 0xD7FF),  # Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # half-width Katakana
    (0xFFA0, 0xFFDC),  # half-width Hangul
    (0x1B000, 0x1B16F),  # kana supplement and extensions
    (0x20000, 0x323AF),  # CJK extensions B to H
)

# Combining marks dropped by folding: the generic diacritics of Latin, Greek and Cyrillic, and
# the vowel points of Hebrew and Arabic. Marks of Indic and South-East Asian scripts stay.
_STRIPPED_BLOCKS: Final = (
    (0x0300, 0x036F),
    (0x0483, 0x0489),
    (0x0591, 0x05C7),
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06ED),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)

# Letters with no decomposition that readers treat as a base letter (or two).
_LETTER_FOLDS: Final = {
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ı": "i",
    "ł": "l",
    "ŀ": "l",
    "ŧ": "t",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ĸ": "k",
}


def char_class(code_points: list[int]) -> str:
    """A regex character-class body (no brackets) for these code points, as merged ranges."""
    parts: list[str] = []
    points = sorted(set(code_points))
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        parts.append(f"\\U{points[i]:08x}")
        if j > i:
            parts.append(f"-\\U{points[j]:08x}")
        i = j + 1
    return "".join(parts)


def _category_points(blocks: tuple[tuple[int, int], ...], classes: str) -> list[int]:
    return [
        cp
        for lo, hi in blocks
        for cp in range(lo, hi + 1)
        if unicodedata.category(chr(cp))[0] in classes
    ]


# Dense-script characters: letters, marks and digits of the blocks above (plus the supplementary
# ideographs and kana, taken as whole ranges to keep the class simple).
_DENSE_POINTS: Final = [
    *_category_points(_DENSE_BLOCKS[:-2], "LMN"),
    *range(0x1B000, 0x1B170),
    *range(0x20000, 0x323B0),
]
_DENSE_SET: Final = frozenset(_DENSE_POINTS)
# Letters, digits and marks of the Basic Multilingual Plane outside the dense scripts: the
# regex engine tests such a class in constant time. Letters beyond it (historic scripts) are
# not indexed; mathematical alphanumerics fold to plain letters before tokenizing.
_WORD_CLASS: Final = char_class(
    [
        cp
        for cp in range(0x10000)
        if cp not in _DENSE_SET and cp != 0x5F and unicodedata.category(chr(cp))[0] in "LNM"
    ]
)
_DENSE_CLASS: Final = char_class(_DENSE_POINTS)
_STRIP_RE: Final = re.compile(f"[{char_class(_category_points(_STRIPPED_BLOCKS, 'M'))}]")
_HARD_CLASS: Final = char_class([ord(c) for c in HARD_SEPARATORS])

# One token: a word, a dense run, or a hard separator. Words come first because most text is
# words; the two kinds share no character.
TOKEN_RE: Final = re.compile(f"[{_WORD_CLASS}]+|[{_DENSE_CLASS}]+|[{_HARD_CLASS}]")
DENSE_RE: Final = re.compile(f"[{_DENSE_CLASS}]")


def is_dense(char: str) -> bool:
    """True for a character of a script that is indexed as bigrams."""
    return ord(char) in _DENSE_SET


_SPECIAL_TABLE: Final = str.maketrans({**_LETTER_FOLDS, MARK_START: "", MARK_END: ""})
_SPECIAL_RE: Final = re.compile(
    f"[{char_class([ord(c) for c in (*_LETTER_FOLDS, MARK_START, MARK_END)])}]"
)


def normalize(text: str) -> str:
    """The folded form of a text, the one tokens are taken from."""
    if text.isascii():
        return text.lower()
    # Casefolding can leave letters that decompose (İ -> i + dot above): decompose again.
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    folded = _STRIP_RE.sub("", folded)
    if _SPECIAL_RE.search(folded) is not None:
        folded = folded.translate(_SPECIAL_TABLE)
    # Compose what is left (Hangul, kana with voicing marks, Indic letters with nukta).
    return unicodedata.normalize("NFC", folded)


def bigrams(run: str) -> list[str]:
    """The overlapping two-character tokens of a dense run (the run itself when one char)."""
    if len(run) < 2:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def has_dense(normalized: str) -> bool:
    """True when the text holds a character of a dense script."""
    return not normalized.isascii() and DENSE_RE.search(normalized) is not None


def tokens(normalized: str, dense: bool | None = None) -> list[str]:
    """Index tokens of a normalized text, hard separators included as one-character tokens.

    `dense` says whether the text holds dense script, when the caller knows already.
    """
    found = TOKEN_RE.findall(normalized)
    if not (has_dense(normalized) if dense is None else dense):
        return found
    expanded: list[str] = []
    for token in found:
        if ord(token[0]) in _DENSE_SET:
            expanded.extend(bigrams(token))
        else:
            expanded.append(token)
    return expanded


def units(normalized: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, end offset) of each unit of a normalized text; kind is word/dense/hard."""
    for match in TOKEN_RE.finditer(normalized):
        text = match.group()
        if ord(text[0]) in _DENSE_SET:
            kind = "dense"
        elif len(text) == 1 and text in HARD_SEPARATORS:
            kind = "hard"
        else:
            kind = "word"
        yield kind, text, match.end()


def strip_markers(text: str) -> str:
    """The text without highlight markers (they must never be stored)."""
    if MARK_START in text or MARK_END in text:
        return text.replace(MARK_START, "").replace(MARK_END, "")
    return text
