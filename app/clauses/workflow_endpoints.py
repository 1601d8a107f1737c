"""Workflow, revisions, history, moderation queue and "adapt this model clause"."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request, Response, status

from app.affiliates.deps import Forbidden, WriterDep
from app.affiliates.keys import Caller
from app.clauses import duplicates, revisions, service, workflow
from app.clauses import repository as repo
from app.clauses.endpoints import PROBLEMS
from app.clauses.models import Clause, ClauseStatus
from app.clauses.present import present, present_one
from app.clauses.schemas import ClausePublic
from app.clauses.workflow_schemas import (
    EventOut,
    NearDuplicateOut,
    Queue,
    QueueItem,
    RevisionDiff,
    RevisionOut,
    RevisionSummary,
    StepIn,
    SubmittedClause,
)
from app.db import SessionDep
from app.i18n.translate import _
from app.search.nudge import commit_and_index
from app.taxonomy.deps import TaxonomyDep

router = APIRouter(prefix="/api/v1", tags=["workflow"])
StepBody = Annotated[StepIn | None, Body()]
# Revisions count from 1; the column is a 32-bit integer on every database, so a larger number
# is refused (422) before it reaches the query (SQLite cannot even bind one beyond 64 bits).
RevisionNumber = Annotated[int, Path(ge=1, le=2_147_483_647)]


def _step(
    request: Request,
    session: SessionDep,
    caller: Caller,
    public_id: str,
    action: workflow.Action,
    body: StepIn | None,
) -> Clause:
    clause = service.visible_clause(session, caller, public_id)
    workflow.apply(session, caller, clause, action, body.reason if body else None)
    commit_and_index(request, session)
    return clause


def _near(session: SessionDep, clause: Clause, caller: Caller) -> list[NearDuplicateOut]:
    found = duplicates.near_duplicates(
        session, clause, shown=lambda other: service.may_see(caller, other)
    )
    return [NearDuplicateOut(**d.__dict__) for d in found]


@router.post("/clauses/{public_id}/submit", response_model=SubmittedClause, responses=PROBLEMS)
def submit(
    public_id: str, request: Request, session: SessionDep, caller: WriterDep, body: StepBody = None
) -> SubmittedClause:
    """Send a draft (or a rejected clause, revised) to the moderators; near-duplicates are shown."""
    clause = _step(request, session, caller, public_id, workflow.Action.submit, body)
    shown = present_one(session, clause)
    return SubmittedClause(**shown.model_dump(), near_duplicates=_near(session, clause, caller))


def _simple_step(action: workflow.Action, summary: str) -> Any:
    def endpoint(
        public_id: str,
        request: Request,
        session: SessionDep,
        caller: WriterDep,
        body: StepBody = None,
    ) -> ClausePublic:
        return present_one(session, _step(request, session, caller, public_id, action, body))

    endpoint.__doc__ = summary
    router.add_api_route(
        f"/clauses/{{public_id}}/{action.value}",
        endpoint,
        methods=["POST"],
        response_model=ClausePublic,
        responses=PROBLEMS,
        name=action.value,
        summary=summary,
    )
    return endpoint


_simple_step(workflow.Action.withdraw, "Take a submitted clause back to draft")
_simple_step(workflow.Action.publish, "Publish a submitted clause (moderators)")
_simple_step(workflow.Action.reject, "Reject a submitted clause with a reason (moderators)")
_simple_step(workflow.Action.archive, "Archive a published or rejected clause (moderators)")


@router.post(
    "/clauses/{public_id}/adapt",
    response_model=ClausePublic,
    status_code=status.HTTP_201_CREATED,
    responses=PROBLEMS,
)
def adapt(
    public_id: str,
    request: Request,
    response: Response,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    caller: WriterDep,
) -> ClausePublic:
    """Start a draft for your affiliate from a model clause, keeping a link to it."""
    clause = service.adapt_model_clause(session, taxonomy, caller, public_id)
    commit_and_index(request, session)
    response.headers["Location"] = f"/api/v1/clauses/{clause.public_id}"
    return present_one(session, clause)


def _editable(session: SessionDep, caller: Caller, public_id: str) -> Clause:
    clause = service.visible_clause(session, caller, public_id)
    own = caller.affiliate_id is not None and caller.affiliate_id == clause.affiliate_id
    if not (own or caller.moderates):
        raise Forbidden(_("only the contributing affiliate and moderators see a clause's history"))
    return clause


@router.get("/clauses/{public_id}/history", response_model=list[EventOut], responses=PROBLEMS)
def history(public_id: str, session: SessionDep, caller: WriterDep) -> list[EventOut]:
    """Every change of status: from, to, who (role), when and why."""
    clause = _editable(session, caller, public_id)
    return [
        EventOut.model_validate(e, from_attributes=True) for e in workflow.history(session, clause)
    ]


@router.get(
    "/clauses/{public_id}/revisions", response_model=list[RevisionSummary], responses=PROBLEMS
)
def list_revisions(public_id: str, session: SessionDep, caller: WriterDep) -> list[RevisionSummary]:
    """Every revision of a clause, oldest first (revision 1 is the clause as created)."""
    clause = _editable(session, caller, public_id)
    return [
        RevisionSummary.model_validate(r, from_attributes=True)
        for r in revisions.revisions_of(session, clause)
    ]


@router.get(
    "/clauses/{public_id}/revisions/{number}", response_model=RevisionOut, responses=PROBLEMS
)
def get_revision(
    public_id: str, number: RevisionNumber, session: SessionDep, caller: WriterDep
) -> RevisionOut:
    clause = _editable(session, caller, public_id)
    return RevisionOut.model_validate(
        revisions.revision(session, clause, number), from_attributes=True
    )


@router.get(
    "/clauses/{public_id}/revisions/{old}/diff/{new}",
    response_model=RevisionDiff,
    responses=PROBLEMS,
)
def diff_revisions(
    public_id: str,
    old: RevisionNumber,
    new: RevisionNumber,
    session: SessionDep,
    caller: WriterDep,
) -> RevisionDiff:
    """What changed between two revisions: the fields, and unified diffs of title and text."""
    clause = _editable(session, caller, public_id)
    a, b = revisions.revision(session, clause, old), revisions.revision(session, clause, new)
    return RevisionDiff(**revisions.compare(a, b))


@router.get("/moderation/queue", response_model=Queue, responses=PROBLEMS)
def moderation_queue(
    session: SessionDep,
    caller: WriterDep,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Queue:
    """Submitted clauses waiting for a moderator, oldest first, with near-duplicate hints."""
    if not caller.moderates:
        raise Forbidden(_("the moderation queue is for moderators"))
    rows, total = repo.list_clauses(
        session,
        repo.ClauseFilter(status=[ClauseStatus.submitted.value]),
        service.audience_of(caller),
        (page - 1) * per_page,
        per_page,
        oldest_first=True,
    )
    shown = present(session, rows)
    items = [
        QueueItem(clause=c, near_duplicates=_near(session, row, caller))
        for c, row in zip(shown, rows, strict=True)
    ]
    return Queue(items=items, total=total)
