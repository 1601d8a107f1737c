"""GET /clauses/{id}: one clause with its translations, licence, citation and related clauses."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from app.affiliates.keys import Caller
from app.clauses import service
from app.clauses.models import Clause, ClauseStatus
from app.clauses.present import present_one
from app.clauses.schemas import ClausePublic
from app.db import SessionDep
from app.errors import NotFound
from app.i18n.names import country_name
from app.i18n.translate import current_language
from app.search.contract import SearchFilters, SearchQuery, SearchUnavailable
from app.taxonomy.deps import TaxonomyDep
from app.web.answers import done_message
from app.web.search_pages import run_search
from app.web.session import web_caller
from app.web.templating import render
from app.web.workflow_view import may_edit, near_duplicate_hints, next_steps

router = APIRouter(include_in_schema=False)
RELATED = 5


def citation(clause: ClausePublic, permalink: str, language: str) -> str:
    """A plain-text reference to the clause, to paste into a brief or a bargaining claim."""
    source = clause.attribution.name if clause.attribution else "Clause Commons"
    parts = [f"{source}. “{clause.title}”."]
    where = [clause.agreement.title, clause.agreement.article]
    if clause.country:
        where.append(country_name(clause.country, language))
    if clause.year:
        where.append(str(clause.year))
    details = ", ".join(part for part in where if part)
    if details:
        parts.append(details + ".")
    parts.append(f"Clause Commons, {permalink} ({clause.licence}).")
    return " ".join(parts)


def _related(request: Request, clause: ClausePublic) -> list[tuple[str, str]]:
    """A few published clauses on the same sub-themes, this one left out."""
    if not clause.subthemes:
        return []
    query = SearchQuery(
        filters=SearchFilters(subthemes=tuple(clause.subthemes), visibility=("public",)),
        limit=RELATED + 1,
    )
    try:
        result = run_search(request, query)
    except SearchUnavailable:
        return []
    found = [(h.document["id"], h.document.get("title", "")) for h in result.hits]
    return [item for item in found if item[0] != clause.id][:RELATED]


def _workflow(session: Session, caller: Caller, row: Clause) -> dict[str, Any]:
    """For its union and moderators: the next steps, and near-duplicates once submitted."""
    own = caller.affiliate_id is not None and caller.affiliate_id == row.affiliate_id
    if not (own or caller.moderates) or row.status == ClauseStatus.published:
        return {"steps": [], "editable": False, "hints": [], "reviewable": False}
    submitted = row.status == ClauseStatus.submitted
    return {
        "steps": next_steps(caller, row),
        "editable": may_edit(caller, row),
        "hints": near_duplicate_hints(session, caller, row) if submitted else [],
        "reviewable": caller.moderates and submitted,
    }


@router.get("/clauses/{public_id}", response_class=HTMLResponse)
def clause_page(
    public_id: str, request: Request, session: SessionDep, taxonomy: TaxonomyDep
) -> HTMLResponse:
    """The clause if this reader may see it (a draft: its affiliate, moderators); else a 404."""
    _user, caller = web_caller(request, session)
    try:
        row = service.visible_clause(session, caller, public_id)
    except NotFound:
        return render(request, "not_found.html", status_code=404)
    clause = present_one(session, row)
    language = current_language()
    permalink = str(request.url_for("clause_page", public_id=clause.id))
    return render(
        request,
        "clause.html",
        clause=clause,
        done=done_message(request),
        **_workflow(session, caller, row),
        permalink=permalink,
        citation=citation(clause, permalink, language),
        related=_related(request, clause),
        label=lambda code: taxonomy.label(code, language),
        country=country_name(clause.country, language) if clause.country else None,
    )
