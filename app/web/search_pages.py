"""GET / and /search: the search page, calling the same backend and presenters as the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from app.clauses.filters import clause_filter
from app.clauses.models import ClauseKind
from app.clauses.repository import ClauseFilter, translations_by_public_id
from app.db import SessionDep
from app.errors import InvalidInput
from app.i18n.translate import current_language
from app.search import present
from app.search.contract import (
    MAX_QUERY_CHARS,
    SearchPage,
    SearchQuery,
    SearchUnavailable,
    SortOrder,
)
from app.search.indexer import Indexer
from app.search.queries import search_filters
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy
from app.web.querystring import SearchLinks
from app.web.session import web_caller
from app.web.templating import render

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
# The order of the facet groups in the sidebar, by query parameter.
FACET_ORDER = ("theme", "subtheme", "region", "country", "sector", "language", "kind", "year")


def run_search(request: Request, query: SearchQuery) -> SearchPage:
    """One query on the app's search backend, as the API runs it."""
    indexer: Indexer = request.app.state.indexer
    return indexer.backend.search(query)


def _filters(request: Request, taxonomy: Taxonomy) -> ClauseFilter:
    params = request.query_params

    def year(name: str) -> int | None:
        raw = params.get(name, "")
        return int(raw) if raw.isdigit() and 1900 <= int(raw) <= 2100 else None

    kinds = [ClauseKind(k) for k in params.getlist("kind") if k in ClauseKind.__members__]
    return clause_filter(
        taxonomy,
        theme=params.getlist("theme") or None,
        subtheme=params.getlist("subtheme") or None,
        lifecycle=params.getlist("lifecycle") or None,
        country=params.getlist("country") or None,
        region=params.getlist("region") or None,
        sector=params.getlist("sector") or None,
        language=params.getlist("language") or None,
        kind=kinds or None,
        year_from=year("year_from"),
        year_to=year("year_to"),
    )


def _answer(session: Session, taxonomy: Taxonomy, result: SearchPage, page: int) -> dict[str, Any]:
    language = current_language()
    ids = [hit.document["id"] for hit in result.hits]
    facets = present.facets(taxonomy, result, language)
    return {
        "hits": present.hits(result, language, translations_by_public_id(session, ids)),
        "total": result.total,
        "facets": [(name, facets.get(name, [])) for name in FACET_ORDER if facets.get(name)],
        "page": page,
        "pages": max(1, -(-result.total // PER_PAGE)),
    }


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
    sort: SortOrder = SortOrder.relevance,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> HTMLResponse:
    """The search box, the results with their snippets, and the facets to narrow them."""
    links = SearchLinks(request.query_params)
    context: dict[str, Any] = {"q": q.strip(), "sort": sort.value, "links": links, "error": None}
    status = 200
    try:
        filters = _filters(request, taxonomy)
        effective = SortOrder.newest if not q.strip() and sort == SortOrder.relevance else sort
        query = SearchQuery(
            q=q.strip(),
            filters=search_filters(filters, web_caller(request, session)[1].signed_in),
            sort=effective,
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
        )
        context |= _answer(session, taxonomy, run_search(request, query), page)
    except InvalidInput as exc:
        context["error"], status = exc.detail, 422
    except SearchUnavailable:
        context["error"], status = None, 503
        context["unavailable"] = True
    return render(request, "search.html", status_code=status, **context)
