"""The contract every search backend keeps: documents in, queries in, pages of hits out.

A search document is a flat dict built by `app.search.documents.clause_document`, the same for
every backend. Its fields:

    id            public clause id, `[A-Za-z0-9_-]`, the primary key
    external_id   str | None
    title         title in the clause's original language (displayed)
    language      BCP 47 tag of the original as stored (`fr`, `zh-Hans`)
    kind          "negotiated" | "model"
    country       ISO 3166-1 alpha-2 or None
    region        PSI region code or None
    sector        str | None
    year          int | None
    sort_date     int, YYYYMMDD (signed date, else year*10000, else 0): for newest/oldest
    themes        list of theme codes ("5")
    subthemes     list of sub-theme codes ("5.3")
    lifecycle     list of lifecycle phase codes
    visibility    "public" | "affiliates"
    translations  list of {"language", "title", "kind"}: what a hit shows of each translation
    title_<sfx>   title in one language (original or translation)
    text_<sfx>    body text in one language (original or translation)
    labels_<sfx>  taxonomy labels and keywords of the clause's themes, in one language (a
                  theme narrowed by one of its sub-themes: its label only)

`<sfx>` is `field_suffix(language)`: the primary language subtag when it is one of
INDEX_LANGUAGES, else `other`. Searchable fields rank title > labels > text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any, Protocol

# Highlight markers: private-use characters that cannot occur in our stored text (the
# analyzer strips them), so the API can HTML-escape a snippet and only then turn them into <mark>.
MARK_START = "\ue000"
MARK_END = "\ue001"

SEARCHABLE_PREFIXES: tuple[str, ...] = ("title_", "labels_", "text_")

# Words that mean the same thing in the unions' vocabulary, for every backend: a query word
# (or words) of a group also finds documents saying any other member of it.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("telework", "telecommuting", "remote work", "working from home"),
    ("télétravail", "travail à distance"),
    ("cctv", "video surveillance", "surveillance camera"),
    ("ai", "artificial intelligence"),
    ("ia", "intelligence artificielle"),
    ("gig work", "platform work"),
)

FACETS: tuple[str, ...] = (
    "themes",
    "subthemes",
    "lifecycle",
    "country",
    "region",
    "sector",
    "language",
    "kind",
    "year",
)

MAX_QUERY_CHARS = 1000
MAX_PER_PAGE = 100


# Languages with a field of their own (the product's languages); any other goes to `other`.
INDEX_LANGUAGES: tuple[str, ...] = (
    "en",
    "fr",
    "es",
    "pt",
    "de",
    "it",
    "nl",
    "sv",
    "ja",
    "ko",
    "zh",
    "id",
    "th",
    "tl",
    "hi",
)
OTHER_LANGUAGE = "other"


@lru_cache(maxsize=512)
def field_suffix(language: str) -> str:
    """The suffix of a per-language field: `zh-Hans` -> `zh`, `vi` -> `other`."""
    primary = language.strip().lower().replace("_", "-").split("-")[0]
    return primary if primary in INDEX_LANGUAGES else OTHER_LANGUAGE


def searchable_fields() -> list[str]:
    """Every searchable field, in ranking order: titles, then labels, then texts."""
    suffixes = (*INDEX_LANGUAGES, OTHER_LANGUAGE)
    return [prefix + suffix for prefix in SEARCHABLE_PREFIXES for suffix in suffixes]


def language_of_field(field_name: str) -> str | None:
    """The language suffix of a searchable field: `text_zh` -> `zh`; None otherwise."""
    for prefix in SEARCHABLE_PREFIXES:
        if field_name.startswith(prefix):
            return field_name[len(prefix) :]
    return None


class SortOrder(StrEnum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"


@dataclass(frozen=True)
class SearchFilters:
    """Every value list is OR-ed within a field; fields are AND-ed together."""

    themes: tuple[str, ...] = ()
    subthemes: tuple[str, ...] = ()
    lifecycle: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    visibility: tuple[str, ...] = ("public",)
    year_from: int | None = None
    year_to: int | None = None

    def value_filters(self) -> dict[str, tuple[str, ...]]:
        """The list-valued filters that are set, by document field name."""
        fields = {
            "themes": self.themes,
            "subthemes": self.subthemes,
            "lifecycle": self.lifecycle,
            "country": self.country,
            "region": self.region,
            "sector": self.sector,
            "language": self.language,
            "kind": self.kind,
            "visibility": self.visibility,
        }
        return {name: values for name, values in fields.items() if values}


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    filters: SearchFilters = field(default_factory=SearchFilters)
    sort: SortOrder = SortOrder.relevance
    offset: int = 0
    limit: int = 20


@dataclass
class SearchHit:
    """One hit: the document's fields other than per-language text (a backend may add those),
    a snippet with MARK_START/MARK_END, and the language that matched."""

    document: dict[str, Any]
    snippet: str
    matched_language: str | None


@dataclass
class SearchPage:
    hits: list[SearchHit]
    total: int
    facets: dict[str, dict[str, int]]


class SearchUnavailable(Exception):
    """The backend cannot answer now (down, timing out, or answering errors)."""


class SearchBackend(Protocol):
    """What the service needs of a search engine."""

    name: str
    # True when a search is CPU work in this process (the built-in engine): the API runs it on
    # the event loop, as a worker thread would only take turns on the same interpreter lock.
    in_process: bool

    def ensure_ready(self) -> None:
        """Create the index and apply its settings if needed; idempotent."""

    def upsert(self, documents: list[dict[str, Any]]) -> None:
        """Add or replace documents by id. Raises SearchUnavailable when it cannot."""

    def delete(self, ids: list[str]) -> None:
        """Remove documents by id; unknown ids are ignored. Raises SearchUnavailable."""

    def rebuild(self, documents: Iterable[dict[str, Any]]) -> None:
        """Replace the whole index with these documents, with no moment of empty results."""

    def search(self, query: SearchQuery) -> SearchPage:
        """Run one query. Raises SearchUnavailable when the engine cannot answer."""

    def document_count(self) -> int:
        """How many documents the index holds. Raises SearchUnavailable."""
