"""My drafts: their status and the moderator's reason; editing a draft, submitting it for
moderation and withdrawing it, through the same services as the API."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlmodel import Session
from starlette.datastructures import FormData

from app.affiliates.keys import Caller
from app.clauses import repository as repo
from app.clauses import service, workflow
from app.clauses.models import Clause
from app.clauses.present import present, present_one
from app.clauses.schemas import ClauseUpdate
from app.db import SessionDep
from app.errors import ProblemError
from app.search.nudge import commit_and_index
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy
from app.web.answers import problem_page, refused, signed_in
from app.web.clause_form import (
    pickers,
    posted_form,
    problem_errors,
    update_payload,
    validation_errors,
    values_from_clause,
    values_from_form,
)
from app.web.session import csrf_ok
from app.web.templating import render
from app.web.workflow_view import may_edit, next_steps

router = APIRouter(include_in_schema=False)
UNFINISHED = ("draft", "submitted", "rejected")
SHOWN_DRAFTS = 200
PostedForm = Annotated[FormData, Depends(posted_form)]
Csrf = Annotated[str, Form(max_length=100)]


def drafts_of(session: Session, caller: Caller) -> list[dict[str, Any]]:
    """The unfinished clauses the caller may see, with what they may do with each."""
    filters = repo.ClauseFilter(status=UNFINISHED)
    rows, _total = repo.list_clauses(session, filters, service.audience_of(caller), 0, SHOWN_DRAFTS)
    return [
        {"clause": shown, "steps": next_steps(caller, row), "editable": may_edit(caller, row)}
        for shown, row in zip(present(session, rows), rows, strict=True)
    ]


@router.get("/contribute/drafts", response_class=HTMLResponse)
def my_drafts(request: Request, session: SessionDep) -> Response:
    """The unfinished clauses of the user's affiliate (every one, for moderators)."""
    caller = signed_in(request, session, "/contribute/drafts")
    return render(request, "drafts.html", forms=True, drafts=drafts_of(session, caller))


def _edit_page(
    request: Request,
    taxonomy: Taxonomy,
    clause: Clause,
    values: dict[str, Any],
    errors: dict[str, str],
) -> HTMLResponse:
    context = {
        "values": values,
        "errors": errors,
        "clause_id": clause.public_id,
        "rejection_reason": clause.rejection_reason,
        **pickers(taxonomy, values),
    }
    status = 422 if errors else 200
    return render(request, "edit.html", status_code=status, forms=True, **context)


def _editable(session: Session, caller: Caller, public_id: str) -> Clause:
    """The clause, if the reader may see it (else NotFound) and change it (else Forbidden)."""
    clause = service.visible_clause(session, caller, public_id)
    service.check_may_edit(caller, clause)
    return clause


@router.get("/clauses/{public_id}/edit", response_class=HTMLResponse)
def edit_page(
    public_id: str, request: Request, session: SessionDep, taxonomy: TaxonomyDep
) -> Response:
    """The clause form, filled in with the draft as it stands."""
    caller = signed_in(request, session, f"/clauses/{public_id}/edit")
    try:
        clause = _editable(session, caller, public_id)
    except ProblemError as exc:
        return problem_page(request, exc)
    values = values_from_clause(present_one(session, clause))
    return _edit_page(request, taxonomy, clause, values, {})


@router.post("/clauses/{public_id}/edit", response_class=HTMLResponse)
def edit(
    public_id: str,
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    form: PostedForm,
) -> Response:
    """Save the changes (a new revision), or show the form again with errors beside fields."""
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return refused(request)
    caller = signed_in(request, session, f"/clauses/{public_id}/edit")
    try:
        clause = _editable(session, caller, public_id)
    except ProblemError as exc:
        return problem_page(request, exc)
    values = values_from_form(form)
    try:
        data = ClauseUpdate.model_validate(update_payload(values))
        service.update_clause(session, taxonomy, caller, public_id, data)
    except ValidationError as exc:
        return _edit_page(request, taxonomy, clause, values, validation_errors(exc))
    except ProblemError as exc:
        session.rollback()
        errors = problem_errors(exc.errors, exc.detail)
        return _edit_page(request, taxonomy, clause, values, errors)
    commit_and_index(request, session)
    return RedirectResponse(f"/clauses/{public_id}?done=saved", status_code=303)


def _step(
    request: Request, session: Session, public_id: str, action: workflow.Action, csrf: str
) -> Response:
    if not csrf_ok(request, csrf):
        return refused(request)
    caller = signed_in(request, session, f"/clauses/{public_id}")
    try:
        clause = service.visible_clause(session, caller, public_id)
        workflow.apply(session, caller, clause, action, None)
    except ProblemError as exc:
        session.rollback()
        return problem_page(request, exc)
    commit_and_index(request, session)
    done = "submitted" if action == workflow.Action.submit else "withdrawn"
    return RedirectResponse(f"/clauses/{public_id}?done={done}", status_code=303)


@router.post("/clauses/{public_id}/submit")
def submit(public_id: str, request: Request, session: SessionDep, csrf: Csrf = "") -> Response:
    """Send a draft (or a revised rejected clause) to the moderators; its page then shows the
    near-duplicates they will see."""
    return _step(request, session, public_id, workflow.Action.submit, csrf)


@router.post("/clauses/{public_id}/withdraw")
def withdraw(public_id: str, request: Request, session: SessionDep, csrf: Csrf = "") -> Response:
    """Take a submitted clause back to draft, to change it."""
    return _step(request, session, public_id, workflow.Action.withdraw, csrf)
