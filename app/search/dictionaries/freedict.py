"""FreeDict bilingual dictionaries as Debian installs them: dictd files under /usr/share/dictd.

Each dictionary is `freedict-<src>-<tgt>.index` (headword, offset and length in base 64) and
`freedict-<src>-<tgt>.dict.dz` (gzip). Entries are plain text: a first line with the headword,
its pronunciation and part of speech, then the senses, numbered ("1. droit") or, when there is
one, on a line of their own; examples, notes, synonyms and cross-references follow on lines of
their own, which are skipped. Some dictionaries follow a sense with a gloss in the source
language: only the first line of each sense is taken.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

DICTD_DIR: Final = Path("/usr/share/dictd")
# FreeDict's ISO 639-3 codes -> our index languages.
LANGUAGES: Final = {
    "eng": "en",
    "fra": "fr",
    "spa": "es",
    "por": "pt",
    "deu": "de",
    "ita": "it",
    "nld": "nl",
    "swe": "sv",
    "jpn": "ja",
}
MAX_WORDS: Final = 4  # longer translations are definitions, not words to search for
MAX_CHARS: Final = 40

_BASE64: Final = {c: i for i, c in enumerate(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
)}  # fmt: skip
_NAME_RE: Final = re.compile(r"^freedict-([a-z]{3})-([a-z]{3})\.index$")
_NUMBERED_RE: Final = re.compile(r"^\s*(\d+)\.\s*(.*)$")
_TAGS_RE: Final = re.compile(r"\[[^\]]*\]|<[^>]*>|\{[^}]*\}|\([^)]*\)")
_SKIP_STARTS: Final = ('"', "(", "see:", "synonym", "note:", "⇒", "-")
_AVAILABILITY_RE: Final = re.compile(r"Availability:\s*(.*?)(?:\n\s*\n|$)", re.DOTALL)
# How FreeDict states each licence it uses -> its SPDX identifier.
_LICENCES: Final = (
    (re.compile(r"General Public License,? version 3.*Affero"), "GPL-3.0-only AND AGPL-3.0-only"),
    (re.compile(r"General Public License,? ver(?:sion|\.)? ?3"), "GPL-3.0-only"),
    (re.compile(r"General Public License,? ver(?:sion|\.)? ?2.*later"), "GPL-2.0-or-later"),
    (re.compile(r"Creative Commons Attribution-? ?Share ?-?Alike.*3\.0"), "CC-BY-SA-3.0"),
)


@dataclass(frozen=True)
class Dictionary:
    """One installed FreeDict dictionary, from one language to another."""

    source: str  # our language codes ("en", "fr")
    target: str
    name: str  # FreeDict's ("eng-fra")
    index_path: Path
    data_path: Path


def installed(directory: Path = DICTD_DIR) -> list[Dictionary]:
    """The FreeDict dictionaries installed between two of our languages."""
    found = []
    for path in sorted(directory.glob("freedict-*.index")):
        match = _NAME_RE.match(path.name)
        if match is None:
            continue
        source, target = LANGUAGES.get(match[1]), LANGUAGES.get(match[2])
        data = path.with_name(path.name.removesuffix(".index") + ".dict.dz")
        if source and target and data.exists():
            found.append(Dictionary(source, target, f"{match[1]}-{match[2]}", path, data))
    return found


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _BASE64[char]
    return value


def _index(dictionary: Dictionary) -> Iterator[tuple[str, int, int]]:
    with dictionary.index_path.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[1] and parts[2]:
                yield parts[0], _number(parts[1]), _number(parts[2])


def headwords(dictionary: Dictionary) -> Iterator[str]:
    """The dictionary's headwords as written, from its index alone."""
    for headword, _, _ in _index(dictionary):
        if not headword.startswith("00") and headword.strip():
            yield headword


def alternatives(sense: str) -> list[str]:
    """The words and short phrases of one sense line ("break <n>, pause <n>" -> two)."""
    cleaned = _TAGS_RE.sub(" ", sense)
    found = []
    for part in re.split(r"[,;/]", cleaned):
        words = part.split()
        if words and len(words) <= MAX_WORDS and len(part.strip()) <= MAX_CHARS:
            found.append(" ".join(words))
    return found


def _usable(line: str) -> str | None:
    """The line as a sense, or None when it is an example, a note or a reference."""
    text = re.sub(r"^(\s*\[[^\]]*\])+", "", line).strip()
    text = re.sub(r"^\{[^}]*\}", "", text).strip()
    if not text or text.lower().startswith(_SKIP_STARTS):
        return None
    return text


def senses(body: str) -> list[str]:
    """The sense lines of one entry's text, in the dictionary's order."""
    lines = body.split("\n")[1:]
    found: list[str] = []
    numbered = any(_NUMBERED_RE.match(line) for line in lines)
    waiting = not numbered  # unnumbered: the first usable line is the one sense
    for line in lines:
        match = _NUMBERED_RE.match(line) if numbered else None
        if match is not None:
            waiting = True
            line = match[2]
        if not waiting:
            continue
        usable = _usable(line)
        if usable is not None:
            found.append(usable)
            waiting = False
    return found


def entries(dictionary: Dictionary) -> Iterator[tuple[str, list[str]]]:
    """(headword, translations in the order of its senses) for every entry, repeated
    headwords merged in the order they come."""
    data = gzip.decompress(dictionary.data_path.read_bytes())
    merged: dict[str, list[str]] = {}
    for headword, offset, length in _index(dictionary):
        if headword.startswith("00") or not headword.strip():
            continue
        body = data[offset : offset + length].decode("utf-8", errors="replace")
        found = merged.setdefault(headword, [])
        for sense in senses(body):
            found.extend(alternatives(sense))
    for headword, translations in merged.items():
        if translations:
            yield headword, translations


def licence(dictionary: Dictionary) -> tuple[str, str]:
    """The licence the dictionary states in its information entry: (SPDX identifier, its own
    words); the identifier is "" when the statement is not one we know."""
    data = gzip.decompress(dictionary.data_path.read_bytes())
    for headword, offset, length in _index(dictionary):
        if headword in ("00databaseinfo", "00-database-info"):
            text = data[offset : offset + length].decode("utf-8", errors="replace")
            match = _AVAILABILITY_RE.search(text)
            statement = " ".join(match[1].split()) if match else ""
            for pattern, spdx in _LICENCES:
                if pattern.search(statement):
                    return spdx, statement
            return "", statement
    return "", ""
