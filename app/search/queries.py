"""From the list's filters and a reader to a SearchQuery: one place for the API and the pages."""

from __future__ import annotations

from app.clauses.repository import ClauseFilter
from app.search.contract import SearchFilters, SearchQuery, SortOrder


def search_filters(filters: ClauseFilter, signed_in: bool) -> SearchFilters:
    """The filters as search applies them; "affiliates only" clauses for signed-in readers."""
    return SearchFilters(
        themes=tuple(filters.themes),
        subthemes=tuple(filters.subthemes),
        lifecycle=tuple(filters.lifecycle),
        country=tuple(filters.country),
        region=tuple(filters.region),
        sector=tuple(filters.sector),
        language=tuple(filters.language),
        kind=tuple(filters.kind),
        visibility=("public", "affiliates") if signed_in else ("public",),
        year_from=filters.year_from,
        year_to=filters.year_to,
    )


def search_query(
    text: str, filters: ClauseFilter, signed_in: bool, sort: SortOrder, page: int, per_page: int
) -> SearchQuery:
    """One page of a search; with no words, "relevance" means newest first."""
    if not text and sort == SortOrder.relevance:
        sort = SortOrder.newest
    return SearchQuery(
        q=text,
        filters=search_filters(filters, signed_in),
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
