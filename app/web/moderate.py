"""Moderate: the queue of submitted clauses with near-duplicate hints, and a review page to
publish or reject (with a reason) that shows the revision diff. Moderators and admins only;
the queue, the steps and the diff are the API's own (`app.clauses.workflow_endpoints`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session

from app.affiliates.deps import Forbidden
from app.affiliates.keys import Caller
from app.clauses import revisions, service, workflow
from app.clauses.models import Clause, ClauseStatus
from app.clauses.present import present_one
from app.clauses.workflow_endpoints import moderation_queue
from app.clauses.workflow_schemas import StepIn
from app.db import SessionDep
from app.errors import InvalidInput, ProblemError
from app.i18n.translate import _, current_language
from app.search.nudge import commit_and_index
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy
from app.web.answers import done_message, problem_page, refused, signed_in
from app.web.clause_form import validation_errors
from app.web.diff_view import diff_lines
from app.web.session import csrf_ok
from app.web.templating import render
from app.web.workflow_view import near_duplicate_hints

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
MAX_PAGE = 10_000  # the API's own limit on the queue's pages
DONE = {workflow.Action.publish: "published", workflow.Action.reject: "rejected"}
Csrf = Annotated[str, Form(max_length=100)]
# Wider than StepIn's limit, so that a long reason is answered beside its field, not as JSON.
Reason = Annotated[str, Form(max_length=20_000)]


def _moderator(request: Request, session: Session, path: str) -> Caller | Response:
    """The signed-in moderator's caller; else the sign-in form, or a 403 page."""
    caller = signed_in(request, session, path)
    if not caller.moderates:
        return problem_page(request, Forbidden(_("the moderation queue is for moderators")))
    return caller


def _under_review(
    request: Request, session: Session, public_id: str
) -> tuple[Caller, Clause] | Response:
    """The moderator's caller and the clause under review; else the page that says why not."""
    caller = _moderator(request, session, f"/moderate/{public_id}")
    if isinstance(caller, Response):
        return caller
    try:
        return caller, service.visible_clause(session, caller, public_id)
    except ProblemError as exc:
        return problem_page(request, exc)


@router.get("/moderate", response_class=HTMLResponse)
def queue_page(
    request: Request,
    session: SessionDep,
    page_: Annotated[str, Query(alias="page")] = "1",
) -> Response:
    """Submitted clauses, oldest first, each with its near-duplicates."""
    caller = _moderator(request, session, "/moderate")
    if isinstance(caller, Response):
        return caller
    page = min(max(_number(page_) or 1, 1), MAX_PAGE)
    queue = moderation_queue(session=session, caller=caller, page=page, per_page=PER_PAGE)
    return render(
        request,
        "moderate.html",
        queue=queue,
        page=page,
        pages=max(1, -(-queue.total // PER_PAGE)),
        done=done_message(request),
    )


def _number(raw: str) -> int | None:
    # A revision number the reader may have edited in the URL: anything else means "default".
    return int(raw) if raw.isdigit() and len(raw) <= 9 else None


def _diff(session: Session, clause: Clause, old: int | None, new: int | None) -> dict[str, Any]:
    """The clause's revisions and the diff of two (default: the first and the latest)."""
    numbers = [r.number for r in revisions.revisions_of(session, clause)]
    if len(numbers) < 2:
        return {"revision_numbers": numbers, "diff": None}
    new = new if new in numbers else numbers[-1]
    if old not in numbers or old == new:
        old = numbers[0] if new != numbers[0] else numbers[1]
    compared = revisions.compare(
        revisions.revision(session, clause, old), revisions.revision(session, clause, new)
    )
    compared["title_lines"] = diff_lines(compared["title_diff"])
    compared["text_lines"] = diff_lines(compared["text_diff"])
    return {"revision_numbers": numbers, "diff": compared}


def _review_page(
    request: Request,
    session: Session,
    taxonomy: Taxonomy,
    caller: Caller,
    clause: Clause,
    *,
    revisions_shown: tuple[int | None, int | None] = (None, None),
    reason: str = "",
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    language = current_language()
    return render(
        request,
        "review.html",
        status_code=422 if errors else 200,
        forms=True,
        clause=present_one(session, clause),
        hints=near_duplicate_hints(session, caller, clause),
        history=workflow.history(session, clause),
        submitted=clause.status == ClauseStatus.submitted,
        reason=reason,
        errors=errors or {},
        label=lambda code: taxonomy.label(code, language),
        **_diff(session, clause, *revisions_shown),
    )


@router.get("/moderate/{public_id}", response_class=HTMLResponse)
def review_page(
    public_id: str,
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    old: Annotated[str, Query(alias="from")] = "",
    new: Annotated[str, Query(alias="to")] = "",
) -> Response:
    """One clause for review: its text, near-duplicates, history and a revision diff."""
    found = _under_review(request, session, public_id)
    if isinstance(found, Response):
        return found
    caller, clause = found
    shown = (_number(old), _number(new))
    return _review_page(request, session, taxonomy, caller, clause, revisions_shown=shown)


def _decide(
    request: Request,
    session: Session,
    taxonomy: Taxonomy,
    public_id: str,
    action: workflow.Action,
    reason: str | None,
) -> Response:
    found = _under_review(request, session, public_id)
    if isinstance(found, Response):
        return found
    caller, clause = found
    try:
        checked = StepIn.model_validate({"reason": reason}).reason
        workflow.apply(session, caller, clause, action, checked)
    except ValidationError as exc:
        errors = validation_errors(exc)
        return _review_page(
            request, session, taxonomy, caller, clause, reason=reason or "", errors=errors
        )
    except InvalidInput as exc:
        session.rollback()
        errors = {e["field"]: e["message"] for e in exc.errors}
        return _review_page(
            request, session, taxonomy, caller, clause, reason=reason or "", errors=errors
        )
    except ProblemError as exc:
        session.rollback()
        return problem_page(request, exc)
    commit_and_index(request, session)
    return RedirectResponse(f"/moderate?done={DONE[action]}", status_code=303)


@router.post("/moderate/{public_id}/publish")
def publish(
    public_id: str, request: Request, session: SessionDep, taxonomy: TaxonomyDep, csrf: Csrf = ""
) -> Response:
    """Publish a submitted clause: it is searchable within about a second."""
    if not csrf_ok(request, csrf):
        return refused(request)
    return _decide(request, session, taxonomy, public_id, workflow.Action.publish, None)


@router.post("/moderate/{public_id}/reject")
def reject(
    public_id: str,
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    csrf: Csrf = "",
    reason: Reason = "",
) -> Response:
    """Reject a submitted clause; the reason is required and shown to its union."""
    if not csrf_ok(request, csrf):
        return refused(request)
    return _decide(request, session, taxonomy, public_id, workflow.Action.reject, reason)
