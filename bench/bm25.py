"""A plain BM25 baseline for the relevance set: SQLite FTS5, the query's words OR-ed.

One FTS5 row per document with three columns, every language's titles, labels and texts
(unicode61 tokenizer, diacritics removed), ranked by FTS5's bm25() with equal column weights.
Filters are applied to the ranked matches. No stemming, no typos, no translation: the figure
the engine must beat.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from app.search.contract import SearchFilters

WORD = re.compile(r"[^\W_]+")
COLUMNS = ("title_", "labels_", "text_")


def _column(document: dict[str, Any], prefix: str) -> str:
    parts: list[str] = []
    for name, value in document.items():
        if name.startswith(prefix):
            parts.extend(value if isinstance(value, list) else [str(value)])
    return "\n".join(parts)


def _passes(document: dict[str, Any], filters: SearchFilters) -> bool:
    for name, wanted in filters.value_filters().items():
        value = document.get(name)
        values = value if isinstance(value, list) else [value]
        if not set(wanted).intersection(str(v) for v in values):
            return False
    year = document.get("year")
    if filters.year_from is not None and (year is None or year < filters.year_from):
        return False
    return not (filters.year_to is not None and (year is None or year > filters.year_to))


class Bm25Baseline:
    """An in-memory FTS5 table of the documents, queried with OR between the words."""

    def __init__(self, documents: list[dict[str, Any]]) -> None:
        self._documents = documents
        self._db = sqlite3.connect(":memory:")
        self._db.execute(
            "CREATE VIRTUAL TABLE words USING fts5"
            " (titles, labels, texts, tokenize='unicode61 remove_diacritics 2')"
        )
        self._db.executemany(
            "INSERT INTO words (rowid, titles, labels, texts) VALUES (?, ?, ?, ?)",
            [
                (row, *(_column(document, prefix) for prefix in COLUMNS))
                for row, document in enumerate(documents)
            ],
        )

    def rank(self, q: str, filters: SearchFilters, limit: int = 10) -> list[str]:
        """Ids of the best-scoring documents that pass the filters."""
        words = WORD.findall(q)
        if not words:
            return []
        match = " OR ".join('"' + word.replace('"', "") + '"' for word in words)
        rows = self._db.execute(
            "SELECT rowid FROM words WHERE words MATCH ? ORDER BY bm25(words)", (match,)
        ).fetchall()
        ranked = [self._documents[row] for (row,) in rows]
        return [str(d["id"]) for d in ranked if _passes(d, filters)][:limit]
