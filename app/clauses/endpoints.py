"""REST endpoints for clauses: thin; the rules live in the service."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status

from app.affiliates.deps import CallerDep, WriterDep
from app.clauses import repository as repo
from app.clauses import service
from app.clauses.filters import FilterDep
from app.clauses.models import ClauseStatus
from app.clauses.present import present, present_one
from app.clauses.schemas import ClauseCreate, ClausePage, ClausePublic, ClauseUpdate
from app.db import SessionDep
from app.search.nudge import commit_and_index
from app.taxonomy.deps import TaxonomyDep

router = APIRouter(prefix="/api/v1/clauses", tags=["clauses"])

PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing, unknown or revoked API key"},
    403: {"description": "The key's role may not do this"},
    404: {"description": "No such clause (or not visible to the caller)"},
    409: {"description": "Conflicts with an existing clause"},
    422: {"description": "Invalid input, field by field"},
    429: {"description": "Too many requests with this API key; see Retry-After"},
}
# What a read may answer besides its page: a bad key, a bad filter, a key used too often.
READ_PROBLEMS: dict[int | str, dict[str, Any]] = {s: PROBLEMS[s] for s in (401, 422, 429)}


@router.get(
    "", response_model=ClausePage, responses=READ_PROBLEMS, summary="List clauses with filters"
)
def list_clauses(
    session: SessionDep,
    caller: CallerDep,
    filters: FilterDep,
    status_: Annotated[
        list[ClauseStatus] | None,
        Query(alias="status", description="Only for signed-in callers: their own drafts etc."),
    ] = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ClausePage:
    """Published clauses, plus what a signed-in caller's role lets them see; newest first."""
    if status_:
        filters = repo.ClauseFilter(**{**filters.__dict__, "status": [s.value for s in status_]})
    rows, total = repo.list_clauses(
        session, filters, service.audience_of(caller), (page - 1) * per_page, per_page
    )
    return ClausePage(items=present(session, rows), total=total, page=page, per_page=per_page)


@router.post(
    "",
    response_model=ClausePublic,
    status_code=status.HTTP_201_CREATED,
    responses=PROBLEMS,
    summary="Create a clause",
)
def create_clause(
    data: ClauseCreate,
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    caller: WriterDep,
    response: Response,
) -> ClausePublic:
    clause = service.create_clause(session, taxonomy, caller, data)
    commit_and_index(request, session)
    response.headers["Location"] = f"/api/v1/clauses/{clause.public_id}"
    return present_one(session, clause)


@router.get("/{public_id}", response_model=ClausePublic, responses=PROBLEMS, summary="One clause")
def get_clause(public_id: str, session: SessionDep, caller: CallerDep) -> ClausePublic:
    return present_one(session, service.visible_clause(session, caller, public_id))


@router.patch(
    "/{public_id}", response_model=ClausePublic, responses=PROBLEMS, summary="Change a clause"
)
def update_clause(
    public_id: str,
    data: ClauseUpdate,
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    caller: WriterDep,
) -> ClausePublic:
    clause = service.update_clause(session, taxonomy, caller, public_id, data)
    commit_and_index(request, session)
    return present_one(session, clause)


@router.delete(
    "/{public_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=PROBLEMS,
    summary="Delete a clause",
)
def delete_clause(
    public_id: str, request: Request, session: SessionDep, caller: WriterDep
) -> Response:
    service.delete_clause(session, caller, public_id)
    commit_and_index(request, session)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
