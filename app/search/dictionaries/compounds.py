"""Compound words of German, Dutch and Swedish, split into the words the lexicon knows.

"Tastatureingaben", "persoonsgegevens" and "övervakningssystem" are written as one word where
English writes two, and a dictionary rarely holds every compound. A word the lexicon does not
know is split into parts it knows: the last part as written (it carries the inflection, and its
key is stemmed), each part before it as written or without a linking element ("persoons" ->
"persoon", "övervaknings" -> "övervakning"). Among the splits, the one with the fewest parts
wins, then the one whose last part is longest (the part that says what the thing is).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

COMPOUNDING: Final[dict[str, tuple[str, ...]]] = {
    # language -> linking elements a part may end with inside a compound, longest first
    "de": ("es", "en", "er", "s", "n", "e"),
    "nl": ("en", "s", "e"),
    "sv": ("s", "a", "o", "u", "e"),
}
MIN_PART: Final = 3  # characters of a part ("rat" in "personalrat")
MIN_WORD: Final = 7  # a shorter word is not split
MAX_PARTS: Final = 3

Known = Callable[[str], bool]  # is this folded word a word of the language?


def may_compound(language: str, word: str) -> bool:
    """Whether a folded word is one split_compound tries: long enough, of letters only, in a
    language that compounds."""
    return language in COMPOUNDING and len(word) >= MIN_WORD and word.isalpha()


def split_compound(language: str, word: str, known: Known) -> tuple[str, ...]:
    """The parts of a folded compound word, each a word `known` accepts; () when the word is
    not a compound of known words (or the language does not compound)."""
    if not may_compound(language, word):
        return ()
    found = _split(word, COMPOUNDING[language], known, MAX_PARTS, final=True)
    return found if len(found) > 1 else ()


def _split(
    word: str, links: tuple[str, ...], known: Known, parts: int, final: bool
) -> tuple[str, ...]:
    """The best split of `word` into at most `parts` known parts; () when there is none."""
    whole = _as_part(word, links, known, final)
    if whole:
        return (whole,)
    if parts == 1:
        return ()
    best: tuple[str, ...] = ()
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        tail = _as_part(word[cut:], links, known, final)
        if not tail:
            continue
        head = _split(word[:cut], links, known, parts - 1, final=False)
        if head and (not best or len(head) + 1 < len(best)):
            best = (*head, tail)
    return best


def _as_part(text: str, links: tuple[str, ...], known: Known, final: bool) -> str:
    """The word `text` stands for as one part ("" for none): the last part as written, an
    earlier one as written or without its linking element."""
    if len(text) < MIN_PART:
        return ""
    if known(text):
        return text
    if final:
        return ""
    for link in links:
        stripped = text[: -len(link)]
        if text.endswith(link) and len(stripped) >= MIN_PART and known(stripped):
            return stripped
    return ""


def part_candidates(language: str, word: str) -> list[str]:
    """Every word split_compound may ask `known` about, to look them up at once."""
    links = COMPOUNDING.get(language, ())
    found: set[str] = set()
    for start in range(len(word)):
        for stop in range(start + MIN_PART, len(word) + 1):
            piece = word[start:stop]
            found.add(piece)
            if stop < len(word):
                found.update(piece[: -len(link)] for link in links if piece.endswith(link))
    return sorted(piece for piece in found if len(piece) >= MIN_PART)
