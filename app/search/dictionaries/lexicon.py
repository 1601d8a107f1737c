"""The built lexicon, read: translations of a key, and what the lexicon is made of.

The file is opened read-only, once per process, and shared by the threads of the process under
a lock (SQLite connections are not to be used by two threads at once). Look-ups are remembered.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

logger = logging.getLogger(__name__)


_BY_TARGET = {
    table: f"SELECT target, text FROM {table} WHERE source = ? AND key = ? ORDER BY target, rank"  # noqa: S608
    for table in ("translation", "machine")
}  # the two tables of one shape: the dictionaries' translations and Apertium's lemmas


@dataclass(frozen=True)
class DictionaryInfo:
    name: str
    source: str
    target: str
    headwords: int
    licence: str


class Lexicon:
    """Read access to a lexicon file made by build.build_lexicon."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._pid = -1
        self._db = self._connect()
        self._db.execute("SELECT 1 FROM translation LIMIT 1").fetchall()  # fails if not one
        self.translations = lru_cache(maxsize=65536)(self._translations)
        self.machine = lru_cache(maxsize=65536)(self._machine)
        self._has_machine = bool(
            self._query("SELECT name FROM sqlite_master WHERE name = 'machine'", ())
        )
        self.languages = frozenset(
            language
            for (language,) in self._query(
                "SELECT source FROM dictionary UNION SELECT target FROM dictionary", ()
            )
        )

    def _connect(self) -> sqlite3.Connection:
        self._pid = os.getpid()
        uri = f"file:{self.path}?mode=ro"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def _query(self, sql: str, parameters: tuple[str, ...]) -> list[tuple[str, ...]]:
        with self._lock:
            if self._pid != os.getpid():
                # A forked worker: a connection must never cross a fork, so it opens its own.
                self._db = self._connect()
            return self._db.execute(sql, parameters).fetchall()

    def _translations(self, source: str, key: str) -> dict[str, tuple[str, ...]]:
        """target language -> the dictionaries' translations of a key, best first."""
        return self._by_target("translation", source, key)

    def _machine(self, source: str, key: str) -> dict[str, tuple[str, ...]]:
        """target language -> Apertium's lemmas for a key, best first (none in a lexicon
        built without Apertium)."""
        return self._by_target("machine", source, key) if self._has_machine else {}

    def _by_target(self, table: str, source: str, key: str) -> dict[str, tuple[str, ...]]:
        rows = self._query(_BY_TARGET[table], (source, key))
        found: dict[str, list[str]] = {}
        for target, text in rows:
            found.setdefault(target, []).append(text)
        return {target: tuple(texts) for target, texts in found.items()}

    def known_keys(self, source: str, keys: tuple[str, ...]) -> frozenset[str]:
        """Those of `keys` that are keys of the source language (one look-up for them all)."""
        if not keys:
            return frozenset()
        marks = ", ".join("?" * len(keys))
        sql = f"SELECT DISTINCT key FROM translation WHERE source = ? AND key IN ({marks})"  # noqa: S608
        return frozenset(key for (key,) in self._query(sql, (source, *keys)))

    def keys(self, source: str) -> frozenset[str]:
        """Every key of one source language (for splitting text written without spaces)."""
        rows = self._query("SELECT DISTINCT key FROM translation WHERE source = ?", (source,))
        return frozenset(key for (key,) in rows)

    def dictionaries(self) -> list[DictionaryInfo]:
        """The dictionaries the lexicon was built from."""
        rows = self._query(
            "SELECT name, source, target, headwords, licence FROM dictionary ORDER BY name", ()
        )
        return [DictionaryInfo(n, s, t, int(h), lic) for n, s, t, h, lic in rows]

    def meta(self, name: str) -> str | None:
        rows = self._query("SELECT value FROM meta WHERE name = ?", (name,))
        return rows[0][0] if rows else None


_loaded: dict[Path, Lexicon | None] = {}
_loading = threading.Lock()


def open_lexicon(path: Path) -> Lexicon | None:
    """The lexicon at `path`, opened once per process; None when there is none (the service
    then searches without translation, and says so)."""
    with _loading:
        if path not in _loaded:
            lexicon: Lexicon | None = None
            if path.exists():
                try:
                    lexicon = Lexicon(path)
                except sqlite3.Error:
                    logger.exception("the lexicon at %s cannot be read: no translation", path)
            _loaded[path] = lexicon
        return _loaded[path]


def forget_lexicons() -> None:
    """Close what open_lexicon opened (after a rebuild, and between tests)."""
    with _loading:
        _loaded.clear()
