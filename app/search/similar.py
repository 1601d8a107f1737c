"""Similar clauses: a clause's most informative words, searched as one query.

The words come from the clause's title and text in its own language: stop words, numbers and
short words left out, each counted (title words twice), then weighed by how rare the search
index finds them (tf × idf). The few best make the query, which runs like any search: on the
built-in engine and on Meilisearch alike, with the query's translations into the other
languages and the least informative words dropped first where no clause holds them all. The
hits sharing a sub-theme with the clause come first; the clause itself and the clauses the
caller names as its own copies never come back.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from app.search.analysis.analyzer import is_dense, normalize, tokens
from app.search.analysis.language import stop_words_of
from app.search.contract import (
    MAX_PER_PAGE,
    SearchBackend,
    SearchFilters,
    SearchHit,
    SearchQuery,
    field_suffix,
)

CANDIDATES = 16  # words whose rarity is looked up, the clause's most frequent ones
QUERY_WORDS = 8  # of those, the most informative make the query
SHORTEST = 4  # shorter words say little about a clause (in scripts with spaces)
TITLE_WEIGHT = 2
WIDER = 3  # hits read per hit shown: room for the sub-theme preference and exclusions


@dataclass(frozen=True)
class Source:
    """What a clause brings to the search for its neighbours."""

    id: str
    title: str
    text: str
    language: str
    subthemes: tuple[str, ...]
    indexed: bool = True  # published, so the index counts it among the clauses holding its words


def _counted(source: Source) -> Counter[str]:
    stops = stop_words_of([field_suffix(source.language)])
    counts: Counter[str] = Counter()
    for weight, part in ((TITLE_WEIGHT, source.title), (1, source.text)):
        for token in tokens(normalize(part)):
            if (
                token.isalpha()
                and token not in stops
                # A bigram of a script written without spaces is already a word.
                and (len(token) >= SHORTEST or (len(token) == 2 and is_dense(token[0])))
            ):
                counts[token] += weight
    return counts


def informative_words(backend: SearchBackend, source: Source, filters: SearchFilters) -> list[str]:
    """The clause's words that best tell it apart, most informative first."""
    counts = _counted(source)
    candidates = [word for word, _count in counts.most_common(CANDIDATES)]
    if not candidates:
        return []
    everyone = max(1, backend.search(SearchQuery(filters=filters, limit=0)).total)

    def elsewhere(word: str) -> int:
        found = backend.search(SearchQuery(q=f'"{word}"', filters=filters, limit=0)).total
        return found - source.indexed

    # A word no other clause holds finds none of them: it is left out, however rare.
    others = {word: elsewhere(word) for word in candidates}
    weights = {
        word: counts[word] * math.log(1 + everyone / found)
        for word, found in others.items()
        if found > 0
    }
    return sorted(weights, key=lambda word: -weights[word])[:QUERY_WORDS]


def _shares_subtheme(hit: SearchHit, subthemes: Iterable[str]) -> bool:
    return not set(subthemes).isdisjoint(hit.document.get("subthemes") or ())


def similar(
    backend: SearchBackend,
    source: Source,
    filters: SearchFilters,
    limit: int,
    excluded: Iterable[str] = (),
) -> list[SearchHit]:
    """Up to `limit` clauses closest to the source among those `filters` let through."""
    words = informative_words(backend, source, filters)
    if not words or limit < 1:
        return []
    query = SearchQuery(q=" ".join(words), filters=filters, limit=min(MAX_PER_PAGE, limit * WIDER))
    left_out = {source.id, *excluded}
    hits = [hit for hit in backend.search(query).hits if hit.document["id"] not in left_out]
    hits.sort(key=lambda hit: not _shares_subtheme(hit, source.subthemes))
    return hits[:limit]
