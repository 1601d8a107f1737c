"""Build the lexicon: the installed FreeDict dictionaries folded into one small SQLite file.

For each pair of languages, each source key (see keys.py) keeps its best MAX_SENSES
translations. A translation ranks higher the more senses of the headword give it, higher still
when the dictionary of the other direction gives the headword back for it (both directions
agreeing is the best sign of a common sense), and earlier senses break ties. Translations the
other direction alone knows come after. Where Apertium's language pairs are installed, the
lemmas they give each headword are kept beside, in a table of their own (`machine`, see
machine.py), by the same keys. The file is written aside and moved into place, so a
running service never reads half a lexicon; it is made on this machine from the dictionaries
installed here, and is never committed or shipped (their licences: see the README).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from app.search.analysis.analyzer import normalize
from app.search.analysis.stopwords import STOP_WORDS

from . import apertium
from .apertium import Pair
from .freedict import DICTD_DIR, MAX_CHARS, Dictionary, entries, headwords, installed, licence
from .keys import lookup_key
from .machine import machine_lemmas

FORMAT: Final = "2"
MAX_SENSES: Final = 3  # kept per key and target language; queries use fewer
MAX_HEADWORD_WORDS: Final = 3
CONFIRMED: Final = 2.0  # what the other direction giving the word back is worth, in senses

SCHEMA: Final = """
CREATE TABLE translation (
    source TEXT NOT NULL, key TEXT NOT NULL, target TEXT NOT NULL, rank INTEGER NOT NULL,
    text TEXT NOT NULL, PRIMARY KEY (source, key, target, rank)
) WITHOUT ROWID;
CREATE TABLE machine (
    source TEXT NOT NULL, key TEXT NOT NULL, target TEXT NOT NULL, rank INTEGER NOT NULL,
    text TEXT NOT NULL, PRIMARY KEY (source, key, target, rank)
) WITHOUT ROWID;
CREATE TABLE dictionary (
    name TEXT PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL,
    headwords INTEGER NOT NULL, licence TEXT NOT NULL, statement TEXT NOT NULL
);
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass
class _Candidate:
    score: float = 0.0
    first: int = 1_000_000


@dataclass
class _Direction:
    """Translations from one language into another, by source key."""

    by_key: dict[str, dict[str, _Candidate]] = field(default_factory=dict)

    def add(self, key: str, text: str, score: float, position: int) -> None:
        candidates = self.by_key.setdefault(key, {})
        found = candidates.get(text)
        if found is None:
            found = candidates[text] = _Candidate()
        found.score += score
        found.first = min(found.first, position)

    def best(self, target: str) -> Iterator[tuple[str, list[str]]]:
        """Each key's best translations, one per target key: forms of one word ("pause",
        "pausen") are one sense, which the query side expands to all of its forms."""
        for key, candidates in self.by_key.items():
            ranked = sorted(candidates, key=lambda t: (-candidates[t].score, candidates[t].first))
            kept: dict[str, str] = {}
            for text in ranked:
                kept.setdefault(lookup_key(target, text), text)
                if len(kept) == MAX_SENSES:
                    break
            yield key, list(kept.values())


def fingerprint(dictionaries: Iterable[Dictionary], pairs: Iterable[Pair] = ()) -> str:
    """What the installed dictionaries and Apertium pairs are: names, sizes and times of
    their files."""
    digest = hashlib.sha256(FORMAT.encode())
    paths = [p for d in dictionaries for p in (d.index_path, d.data_path)]
    paths.extend(pair.mode for pair in pairs)
    for path in paths:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{int(stat.st_mtime)}\n".encode())
    return digest.hexdigest()


def _meaningful(language: str, text: str) -> bool:
    stops = STOP_WORDS.get(language, frozenset())
    return any(word not in stops for word in text.split())


def _folded_entries(dictionary: Dictionary) -> dict[str, list[str]]:
    """Folded headword -> folded translations in order (without repeats or stop words)."""
    folded: dict[str, list[str]] = {}
    for headword, translations in entries(dictionary):
        word = normalize(headword).strip()
        if len(word.split()) > MAX_HEADWORD_WORDS or len(word) > MAX_CHARS:
            continue  # a saying or a definition: no query looks it up
        kept = folded.setdefault(word, [])
        for text in translations:
            text = normalize(text).strip()
            if text and text != word and _meaningful(dictionary.target, text):
                kept.append(text)
    return folded


def _key(language: str, text: str) -> str:
    """The key of a headword; none for a phrase that is one word once its stop words are gone
    ("on the right" must not stand for "right")."""
    key = lookup_key(language, text)
    if " " in text and " " not in key:
        return ""
    return key


def _direction(
    forward: dict[str, list[str]] | None,
    backward: dict[str, list[str]] | None,
    source: str,
) -> _Direction:
    """Source -> target translations from the source's dictionary and the target's."""
    direction = _Direction()
    given_back = set()
    if backward is not None:
        for word, translations in backward.items():
            for text in translations[:MAX_SENSES]:
                given_back.add((text, word))
    if forward is not None:
        for word, translations in forward.items():
            key = _key(source, word)
            if not key:
                continue
            for position, text in enumerate(translations):
                bonus = CONFIRMED if (word, text) in given_back else 0.0
                direction.add(key, text, 1.0 + bonus, position)
    if backward is not None:
        for word, translations in backward.items():
            for position, text in enumerate(translations[:MAX_SENSES]):
                key = _key(source, text)
                if key:
                    direction.add(key, word, 0.5, 1000 + position)
    return direction


def _pairs(dictionaries: list[Dictionary]) -> dict[tuple[str, str], dict[str, Dictionary]]:
    pairs: dict[tuple[str, str], dict[str, Dictionary]] = {}
    for dictionary in dictionaries:
        a, b = sorted((dictionary.source, dictionary.target))
        pairs.setdefault((a, b), {})[f"{dictionary.source}-{dictionary.target}"] = dictionary
    return pairs


_INSERT: Final = {
    "translation": "INSERT INTO translation VALUES (?, ?, ?, ?, ?)",
    "machine": "INSERT INTO machine VALUES (?, ?, ?, ?, ?)",
}


def _write_direction(
    db: sqlite3.Connection, table: str, source: str, target: str, direction: _Direction
) -> None:
    """One direction's best translations per key, ranked, into `table`."""
    rows = (
        (source, key, target, rank, text)
        for key, texts in direction.best(target)
        for rank, text in enumerate(texts)
    )
    db.executemany(_INSERT[table], rows)


def _write_source(
    db: sqlite3.Connection, name: str, source: str, target: str, headwords: int,
    terms: tuple[str, str],
) -> None:  # fmt: skip
    """What the lexicon was made from: a dictionary or an Apertium pair, with its licence
    (SPDX identifier, its own words)."""
    spdx, statement = terms
    db.execute(
        "INSERT INTO dictionary VALUES (?, ?, ?, ?, ?, ?)",
        (name, source, target, headwords, spdx, statement),
    )


def _write_pair(db: sqlite3.Connection, a: str, b: str, found: dict[str, Dictionary]) -> None:
    ab, ba = found.get(f"{a}-{b}"), found.get(f"{b}-{a}")
    forward = _folded_entries(ab) if ab else None
    backward = _folded_entries(ba) if ba else None
    for source, target, there, back in ((a, b, forward, backward), (b, a, backward, forward)):
        _write_direction(db, "translation", source, target, _direction(there, back, source))
    for dictionary, folded in ((ab, forward), (ba, backward)):
        if dictionary is not None and folded is not None:
            _write_source(db, dictionary.name, dictionary.source, dictionary.target,
                          len(folded), licence(dictionary))  # fmt: skip


def _vocabulary(dictionaries: list[Dictionary]) -> dict[str, list[str]]:
    """Each language's single-word headwords as written, for Apertium to translate."""
    found: dict[str, dict[str, None]] = {}
    for dictionary in dictionaries:
        words = found.setdefault(dictionary.source, {})
        for headword in headwords(dictionary):
            word = headword.strip()
            if " " not in word and len(word) <= MAX_CHARS:
                words.setdefault(word, None)
    return {language: list(words) for language, words in found.items()}


def _write_machine(
    db: sqlite3.Connection, pairs: list[Pair], dictionaries: list[Dictionary]
) -> None:
    """Apertium's lemmas for every headword, kept by key like the dictionaries' senses."""
    lemmas, counts = machine_lemmas(pairs, _vocabulary(dictionaries))
    for (source, target), table in sorted(lemmas.items()):
        direction = _Direction()
        for word, found in table.items():
            folded = normalize(word).strip()
            key = _key(source, folded)
            if not key:
                continue
            for position, lemma in enumerate(found):
                text = normalize(lemma).strip()
                if text and text != folded and _meaningful(target, text):
                    direction.add(key, text, 1.0, position)
        _write_direction(db, "machine", source, target, direction)
    for pair in pairs:
        _write_source(db, pair.name, pair.source, pair.target, counts.get(pair.name, 0),
                      apertium.licence(pair))  # fmt: skip


@dataclass(frozen=True)
class BuildReport:
    path: Path
    dictionaries: int
    pairs: int
    translations: int
    seconds: float
    rebuilt: bool


def build_lexicon(
    path: Path, directory: Path = DICTD_DIR, force: bool = False, modes: Path | None = None
) -> BuildReport:
    """Build the lexicon at `path` from the dictionaries installed in `directory` and, given
    `modes`, the Apertium pairs installed there; nothing is done when the file was built from
    the same dictionaries and pairs already (unless `force`)."""
    started = time.monotonic()
    dictionaries = installed(directory)
    pairs = apertium.installed(modes) if modes is not None else []
    stamp = fingerprint(dictionaries, pairs)
    if not force and path.exists() and _stamp_of(path) == stamp:
        return BuildReport(path, len(dictionaries), len(pairs), _count(path), 0.0, rebuilt=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".lexicon-", suffix=".sqlite3", dir=path.parent)
    os.close(handle)
    try:
        db = sqlite3.connect(name)
        with db:
            db.executescript(SCHEMA)
            for (a, b), found in sorted(_pairs(dictionaries).items()):
                _write_pair(db, a, b, found)
            if pairs:
                _write_machine(db, pairs, dictionaries)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("format", FORMAT), ("fingerprint", stamp), ("built", time.strftime("%F"))],
            )
        db.execute("VACUUM")
        db.close()
        os.chmod(name, 0o644)  # mkstemp's 0600 would hide it from a service run as another user
        os.replace(name, path)
    finally:
        if os.path.exists(name):
            os.unlink(name)
    seconds = time.monotonic() - started
    return BuildReport(path, len(dictionaries), len(pairs), _count(path), seconds, rebuilt=True)


def _stamp_of(path: Path) -> str | None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE name = 'fingerprint'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def _count(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # A file whose fingerprint matches is of this FORMAT, so it has both tables.
        sql = "SELECT (SELECT count(*) FROM translation) + (SELECT count(*) FROM machine)"
        return int(db.execute(sql).fetchone()[0])
    finally:
        db.close()
