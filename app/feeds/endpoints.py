"""GET /feeds/…: Atom feeds of newly published clauses, for everyone (no key, no cookie).

A feed reader is anonymous: a feed holds published clauses open to all, never drafts nor
clauses for affiliates only, whoever asks.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from app.clauses import repository as repo
from app.clauses.filters import FilterDep, clause_filter
from app.clauses.models import Clause
from app.clauses.present import present
from app.db import SessionDep
from app.errors import ServiceUnavailable
from app.feeds.atom import FeedHead, atom_feed
from app.i18n.names import country_name
from app.i18n.negotiate import reader_language
from app.i18n.translate import _
from app.search.contract import SearchUnavailable, SortOrder
from app.search.endpoints import clean_query
from app.search.indexer import Indexer
from app.search.queries import search_query
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy

router = APIRouter(prefix="/feeds", tags=["feeds"])

ENTRIES = 50  # the newest clauses a feed carries
SEARCHED = 100  # a search feed's newest matches, of which the latest published are kept
ATOM_TYPE = "application/atom+xml; charset=utf-8"
FEED_ANSWER: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/atom+xml": {}}, "description": "An Atom feed (RFC 4287)"},
    422: {"description": "Unknown code or bad input, field by field"},
}
SEARCH_FEED_ANSWER = {**FEED_ANSWER, 503: {"description": "Search is down (feeds with `q`)"}}


def _answer(
    request: Request,
    session: Session,
    taxonomy: Taxonomy,
    rows: list[Clause],
    title: str,
    page: str,
) -> Response:
    base = str(request.base_url).rstrip("/")
    head = FeedHead(
        title=f"{title} · Clause Commons",
        self_url=str(request.url),
        page_url=base + page,
        base_url=base,
        language=reader_language(request, taxonomy.languages),
    )
    body = atom_feed(head, taxonomy, present(session, rows))
    # Feed readers poll: one that sends back the ETag of what it has gets a bodiless 304
    # while nothing changed. The labels follow the reader's language, hence Vary.
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"Content-Language": head.language, "ETag": etag, "Vary": "Accept-Language"}
    if etag in _etags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=ATOM_TYPE, headers=headers)


def _etags(header: str) -> set[str]:
    """The entity tags of an If-None-Match header (weak ones compared as strong: RFC 9110
    says If-None-Match uses the weak comparison)."""
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return tags - {""}


def _searched(request: Request, filters: repo.ClauseFilter, q: str) -> list[str]:
    indexer: Indexer = request.app.state.indexer
    # Signed out, whoever asks: a feed is anonymous.
    query = search_query(q, filters, False, SortOrder.newest, 1, SEARCHED)
    try:
        page = indexer.backend.search(query)
    except SearchUnavailable as exc:
        message = _("search is unavailable right now; try again shortly (%(reason)s)")
        raise ServiceUnavailable(message % {"reason": exc}) from exc
    return [hit.document["id"] for hit in page.hits]


@router.get(
    "/clauses.atom",
    response_class=Response,
    responses=SEARCH_FEED_ANSWER,
    summary="Newly published clauses, optionally for a search",
)
def clauses_feed(
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    filters: FilterDep,
    q: Annotated[str, Query(description="The search's words, as for /api/v1/search")] = "",
) -> Response:
    """The newest published clauses matching the filters (and the words of `q`, if any): the
    feed of any search page."""
    text = clean_query(q)
    among = _searched(request, filters, text) if text else None
    rows = repo.newest_published(session, filters, ENTRIES, among)
    query = urlencode(
        [(k, v) for k, v in request.query_params.multi_items() if k != "lang"], doseq=True
    )
    title = _("New clauses for “%(q)s”") % {"q": text} if text else _("New clauses")
    return _answer(
        request, session, taxonomy, rows, title, "/search" + (f"?{query}" if query else "")
    )


@router.get(
    "/themes/{code}.atom",
    response_class=Response,
    responses=FEED_ANSWER,
    summary="Newly published clauses on a theme or sub-theme",
)
def theme_feed(request: Request, session: SessionDep, taxonomy: TaxonomyDep, code: str) -> Response:
    """A theme's feed (`5`: its sub-themes too) or a sub-theme's (`5.3`)."""
    if "." in code:
        filters = clause_filter(taxonomy, subtheme=[code])
        page = f"/search?subtheme={code}"
    else:
        filters = clause_filter(taxonomy, theme=[code])
        page = f"/themes/{code}"
    label = taxonomy.label(code, reader_language(request, taxonomy.languages))
    rows = repo.newest_published(session, filters, ENTRIES)
    title = _("New clauses: %(theme)s") % {"theme": label}
    return _answer(request, session, taxonomy, rows, title, page)


@router.get(
    "/countries/{country}.atom",
    response_class=Response,
    responses=FEED_ANSWER,
    summary="Newly published clauses of a country",
)
def country_feed(
    request: Request, session: SessionDep, taxonomy: TaxonomyDep, country: str
) -> Response:
    """A country's feed, by its ISO 3166-1 alpha-2 code."""
    filters = clause_filter(taxonomy, country=[country])
    code = country.strip().upper()
    name = country_name(code, reader_language(request, taxonomy.languages))
    rows = repo.newest_published(session, filters, ENTRIES)
    title = _("New clauses from %(country)s") % {"country": name}
    return _answer(request, session, taxonomy, rows, title, f"/search?country={code}")
