"""GET /api/v1/search: the product's front door."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from app.affiliates.deps import CallerDep
from app.clauses import service
from app.clauses.endpoints import PROBLEMS, READ_PROBLEMS
from app.clauses.filters import FilterDep
from app.clauses.present import present_one
from app.clauses.similar import DEFAULT_SIMILAR, MAX_SIMILAR, similar_clauses
from app.db import SessionDep
from app.errors import InvalidInput, ServiceUnavailable
from app.i18n.negotiate import reader_language
from app.i18n.translate import _, format_count, ngettext
from app.search import present
from app.search.contract import (
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    SearchPage,
    SearchUnavailable,
    SortOrder,
)
from app.search.indexer import Indexer
from app.search.queries import search_query
from app.search.schemas import SearchAnswer, SimilarAnswer
from app.taxonomy.deps import TaxonomyDep

router = APIRouter(prefix="/api/v1", tags=["search"])


def clean_query(q: str) -> str:
    if len(q) > MAX_QUERY_CHARS:
        message = ngettext(
            "must have at most %(count)s character",
            "must have at most %(count)s characters",
            MAX_QUERY_CHARS,
        )
        raise InvalidInput.one("q", message % {"count": format_count(MAX_QUERY_CHARS)})
    try:
        q.encode("utf-8")
    except UnicodeEncodeError as exc:
        message = _("contains characters that are not valid Unicode text")
        raise InvalidInput.one("q", message) from exc
    return q.strip()


@router.get(
    "/search",
    response_model=SearchAnswer,
    responses={**READ_PROBLEMS, 503: {"description": "Search is down"}},
    summary="Search published clauses",
)
async def search(
    request: Request,
    caller: CallerDep,
    taxonomy: TaxonomyDep,
    filters: FilterDep,
    q: Annotated[str, Query(description='Words; "a phrase"; -excluded')] = "",
    sort: SortOrder = SortOrder.relevance,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
    lang: Annotated[str | None, Query(max_length=35, description="Reader's language")] = None,
) -> Response:
    """Published clauses matching `q` and the filters, with facet counts over all matches."""
    started = time.perf_counter()
    text = clean_query(q)
    # `lang` is declared above for the docs and its length check; reader_language reads it, then
    # the front-end's cookie, then Accept-Language, as the problem handler does.
    language = reader_language(request, taxonomy.languages)
    query = search_query(text, filters, caller.signed_in, sort, page, per_page)
    indexer: Indexer = request.app.state.indexer
    backend = indexer.backend
    try:
        # The built-in engine is CPU work under the interpreter lock: a worker thread would
        # only take turns with this loop (and cost a hand-over each way), so it runs here.
        # A remote engine is waited for in a worker thread.
        if backend.in_process:
            result = backend.search(query)
        else:
            result = await run_in_threadpool(backend.search, query)
    except SearchUnavailable as exc:
        message = _("search is unavailable right now; try again shortly (%(reason)s)")
        raise ServiceUnavailable(message % {"reason": exc}) from exc
    answer = SearchAnswer(
        q=text,
        hits=present.hits(result, language),
        total=result.total,
        page=page,
        per_page=per_page,
        facets=present.facets(taxonomy, result, language),
        processing_ms=round((time.perf_counter() - started) * 1000, 2),
        language=language,
    )
    # Built from our own validated models: serialized once, not dumped, re-validated and
    # serialized again as a returned model would be.
    return Response(
        answer.model_dump_json(),
        media_type="application/json",
        headers={"Content-Language": language},
    )


@router.get(
    "/clauses/{public_id}/similar",
    response_model=SimilarAnswer,
    responses={**PROBLEMS, 503: {"description": "Search is down"}},
    summary="Clauses closest to one clause",
)
def similar(
    public_id: str,
    request: Request,
    session: SessionDep,
    caller: CallerDep,
    taxonomy: TaxonomyDep,
    limit: Annotated[int, Query(ge=1, le=MAX_SIMILAR)] = DEFAULT_SIMILAR,
    lang: Annotated[str | None, Query(max_length=35, description="Reader's language")] = None,
) -> SimilarAnswer:
    """Published clauses whose content is closest to this one, in its language and others,
    those on the same sub-themes first; never the clause itself or its copies (the same text,
    the model it was adapted from, its adaptations); only what the caller may read."""
    row = service.visible_clause(session, caller, public_id)
    indexer: Indexer = request.app.state.indexer
    language = reader_language(request, taxonomy.languages)
    try:
        found = similar_clauses(
            session, indexer.backend, caller, row, present_one(session, row), limit
        )
    except SearchUnavailable as exc:
        message = _("search is unavailable right now; try again shortly (%(reason)s)")
        raise ServiceUnavailable(message % {"reason": exc}) from exc
    page = SearchPage(hits=found, total=len(found), facets={})
    return SimilarAnswer(clause=row.public_id, hits=present.hits(page, language), language=language)
