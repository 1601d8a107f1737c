"""GET / and /search: the search page, calling the same backend and presenters as the API."""

from __future__ import annotations

from typing import Annotated, Any, NoReturn

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from app.clauses.filters import clause_filter
from app.clauses.models import ClauseKind
from app.clauses.repository import ClauseFilter
from app.db import SessionDep
from app.errors import FieldError, InvalidInput
from app.i18n.translate import _, current_language, format_count
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
MAX_PAGE = 1000
# The order of the facet groups in the sidebar, by query parameter.
FACET_ORDER = ("theme", "subtheme", "region", "country", "sector", "language", "kind", "year")


def run_search(request: Request, query: SearchQuery) -> SearchPage:
    """One query on the app's search backend, as the API runs it."""
    indexer: Indexer = request.app.state.indexer
    return indexer.backend.search(query)


def page_filters(request: Request, taxonomy: Taxonomy) -> ClauseFilter:
    """The filters of a page's query string; an unknown code is an InvalidInput. An empty
    value (a form's "all" choice) is no filter."""
    params = request.query_params

    def values(name: str) -> list[str] | None:
        return [v for v in params.getlist(name) if v.strip()] or None

    def year(name: str) -> int | None:
        raw = params.get(name, "")
        return int(raw) if raw.isdigit() and 1900 <= int(raw) <= 2100 else None

    kinds = [ClauseKind(k) for k in params.getlist("kind") if k in ClauseKind.__members__]
    return clause_filter(
        taxonomy,
        theme=values("theme"),
        subtheme=values("subtheme"),
        lifecycle=values("lifecycle"),
        country=values("country"),
        region=values("region"),
        sector=values("sector"),
        language=values("language"),
        kind=kinds or None,
        year_from=year("year_from"),
        year_to=year("year_to"),
    )


def _answer(session: Session, taxonomy: Taxonomy, result: SearchPage, page: int) -> dict[str, Any]:
    language = current_language()
    facets = present.facets(taxonomy, result, language)
    return {
        "hits": present.hits(result, language),
        "total": result.total,
        "facets": [(name, facets.get(name, [])) for name in FACET_ORDER if facets.get(name)],
        "page": page,
        "pages": max(1, -(-result.total // PER_PAGE)),
    }


def _refuse(field: str, message: str) -> NoReturn:
    # The sentence alone is the page's message: it names what to fix in the reader's words.
    raise InvalidInput(message, errors=[FieldError(field, message)])


def _checked(q: str, sort: str, page: str) -> tuple[SortOrder, int]:
    """The order and page asked for; InvalidInput, worded for a reader, when one is wrong."""
    if len(q) > MAX_QUERY_CHARS:
        message = _("Your search is too long: use at most %(limit)s characters.")
        _refuse("q", message % {"limit": format_count(MAX_QUERY_CHARS)})
    if sort not in SortOrder.__members__:
        _refuse("sort", _("This order is unknown: choose one from the list."))
    if not (page.isdigit() and 1 <= int(page) <= MAX_PAGE):
        _refuse("page", _("There is no such page of results."))
    return SortOrder(sort), int(page)


def _feed(links: SearchLinks) -> tuple[str, str]:
    """The Atom feed of this search, as (address, title), for the page's head."""
    narrowed = any(name != "sort" for name, _value in links.pairs)
    return links.feed(), _("New clauses for this search") if narrowed else _("New clauses")


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    q: str = "",
    sort_: Annotated[str, Query(alias="sort")] = SortOrder.relevance.value,
    page_: Annotated[str, Query(alias="page")] = "1",
) -> HTMLResponse:
    """The search box, the results with their snippets, and the facets to narrow them.

    Bad parameters get this page with a 422 and a sentence in the reader's language (the
    parameters are checked here rather than by FastAPI, whose answer would be JSON)."""
    links = SearchLinks(request.query_params)
    context: dict[str, Any] = {
        "q": q.strip(),
        "sort": sort_,
        "links": links,
        "error": None,
        "feeds": [_feed(links)],
    }
    status = 200
    try:
        sort, page = _checked(q, sort_, page_)
        filters = page_filters(request, taxonomy)
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
        context["feeds"] = []  # the feed of a wrong search would be the same error
    except SearchUnavailable:
        context["error"], status = None, 503
        context["unavailable"] = True
    return render(request, "search.html", status_code=status, **context)
