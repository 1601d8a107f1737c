"""GET /clauses/{id}: one clause with its translations, licence, citation and similar clauses."""

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
from app.clauses.similar import similar_clauses
from app.db import SessionDep
from app.errors import NotFound
from app.i18n.names import country_name
from app.i18n.translate import current_language
from app.search.contract import SearchUnavailable
from app.search.indexer import Indexer
from app.taxonomy.deps import TaxonomyDep
from app.web.answers import done_message
from app.web.session import web_caller
from app.web.templating import render
from app.web.workflow_view import may_edit, near_duplicate_hints, next_steps

router = APIRouter(include_in_schema=False)


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


def _similar(
    request: Request, session: Session, caller: Caller, row: Clause, clause: ClausePublic
) -> list[tuple[str, str]]:
    """The published clauses closest to this one (the API's /similar), as links; none while
    the search engine is down, which must not take the clause page with it."""
    indexer: Indexer = request.app.state.indexer
    try:
        found = similar_clauses(session, indexer.backend, caller, row, clause)
    except SearchUnavailable:
        return []
    return [(hit.document["id"], hit.document.get("title", "")) for hit in found]


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
        similar=_similar(request, session, caller, row, clause),
        label=lambda code: taxonomy.label(code, language),
        country=country_name(clause.country, language) if clause.country else None,
    )
