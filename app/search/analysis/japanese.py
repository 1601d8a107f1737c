"""Japanese queries cut into words where the script changes, without a dictionary.

Japanese is written without spaces, but its words mostly change script at their edges: nouns
in kanji or katakana, particles and endings in hiragana ("会社は社用車の位置情報を" -> 会社,
社用車, 位置情報). A run is cut between kanji, hiragana and katakana, and the hiragana pieces
that are particles (or one letter) are dropped. Runs without kana (Chinese) are left whole.
"""

from __future__ import annotations

from typing import Final

_PARTICLES_TEXT: Final = """は も の を が に で と へ や か ね よ な から まで より など には では
    とは への での ので のか です ます でも にも とも"""
_PARTICLES: Final = frozenset(_PARTICLES_TEXT.split())


def _script(char: str) -> str:
    code = ord(char)
    if 0x3041 <= code <= 0x309F:
        return "hiragana"
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    return "other"  # kanji, and anything else dense


def has_kana(run: str) -> bool:
    """True when the run holds hiragana or katakana (so it is Japanese)."""
    return any(_script(char) != "other" for char in run)


def japanese_words(run: str) -> list[str]:
    """The words of a run of Japanese, particles left out; the run itself when not Japanese
    or when nothing else would be left."""
    if not has_kana(run):
        return [run]
    pieces: list[str] = []
    for char in run:
        if pieces and _script(pieces[-1][-1]) == _script(char):
            pieces[-1] += char
        else:
            pieces.append(char)
    words = [
        piece
        for piece in pieces
        if not (_script(piece[0]) == "hiragana" and (len(piece) == 1 or piece in _PARTICLES))
    ]
    return words or [run]
