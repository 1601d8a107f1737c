"""Filters (values OR-ed within a field, fields AND-ed, years inclusive) and facet counts."""

from __future__ import annotations

from pyroaring import BitMap

from app.search.contract import FACETS, SearchFilters

from .index import Index


def _any_of(bitmaps: list[BitMap]) -> BitMap:
    if not bitmaps:
        return BitMap()
    return BitMap.union(*bitmaps) if len(bitmaps) > 1 else bitmaps[0].copy()


def filtered(index: Index, filters: SearchFilters) -> BitMap:
    """The live documents that pass the filters (remembered until the index changes)."""
    key = ("filters", filters)
    cached = index.memo.recall(key)
    if isinstance(cached, BitMap):
        return cached
    docs = index.live.copy()
    for name, wanted in filters.value_filters().items():
        values = index.facets.get(name, {})
        docs &= _any_of([values[v] for v in dict.fromkeys(wanted) if v in values])
    if filters.year_from is not None or filters.year_to is not None:
        low = filters.year_from if filters.year_from is not None else -(10**9)
        high = filters.year_to if filters.year_to is not None else 10**9
        docs &= _any_of([bitmap for year, bitmap in index.years.items() if low <= year <= high])
    index.memo.remember(key, docs)
    return docs


def facet_counts(index: Index, docs: BitMap) -> dict[str, dict[str, int]]:
    """For every facet, the number of `docs` per value (values with none left out), by count
    descending then value, as Meilisearch orders them when sorting facet values by count."""
    counts: dict[str, dict[str, int]] = {}
    for name in FACETS:
        found: list[tuple[str, int]] = []
        if docs:
            for value, bitmap in index.facets[name].items():
                shared = docs.intersection_cardinality(bitmap)
                if shared:
                    found.append((value, shared))
        found.sort(key=lambda item: (-item[1], item[0]))
        counts[name] = dict(found)
    return counts
