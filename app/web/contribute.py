"""The Contribute pages: a clause form with taxonomy pickers, and adapting a model clause."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.datastructures import FormData

from app.clauses import service
from app.clauses.schemas import ClauseCreate
from app.db import SessionDep
from app.errors import ProblemError
from app.i18n.translate import current_language
from app.search.nudge import commit_and_index
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy
from app.web.answers import problem_page, refused, signed_in
from app.web.clause_form import (
    blank_values,
    create_payload,
    pickers,
    posted_form,
    problem_errors,
    validation_errors,
    values_from_form,
)
from app.web.session import csrf_ok
from app.web.templating import render

router = APIRouter(include_in_schema=False)
PostedForm = Annotated[FormData, Depends(posted_form)]


def _form_page(
    request: Request, taxonomy: Taxonomy, values: dict[str, Any], errors: dict[str, str]
) -> HTMLResponse:
    status = 422 if errors else 200
    context = {"values": values, "errors": errors, **pickers(taxonomy, values)}
    return render(request, "contribute.html", status_code=status, forms=True, **context)


@router.get("/contribute", response_class=HTMLResponse)
def contribute_page(request: Request, session: SessionDep, taxonomy: TaxonomyDep) -> Response:
    signed_in(request, session, "/contribute")
    return _form_page(request, taxonomy, blank_values(current_language()), {})


@router.post("/contribute", response_class=HTMLResponse)
def contribute(
    request: Request, session: SessionDep, taxonomy: TaxonomyDep, form: PostedForm
) -> Response:
    """Save the clause as a draft of the user's affiliate, or show the form again with errors."""
    if not csrf_ok(request, str(form.get("csrf", ""))):
        return refused(request)
    caller = signed_in(request, session, "/contribute")
    values = values_from_form(form)
    try:
        data = ClauseCreate.model_validate(create_payload(values))
        clause = service.create_clause(session, taxonomy, caller, data)
    except ValidationError as exc:
        return _form_page(request, taxonomy, values, validation_errors(exc))
    except ProblemError as exc:
        session.rollback()
        return _form_page(request, taxonomy, values, problem_errors(exc.errors, exc.detail))
    commit_and_index(request, session)
    return RedirectResponse(f"/clauses/{clause.public_id}?done=saved", status_code=303)


@router.post("/clauses/{public_id}/adapt")
def adapt(
    public_id: str,
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    csrf: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Start a draft for the user's affiliate from a model clause, then open it."""
    if not csrf_ok(request, csrf):
        return refused(request)
    caller = signed_in(request, session, f"/clauses/{public_id}")
    try:
        draft = service.adapt_model_clause(session, taxonomy, caller, public_id)
    except ProblemError as exc:
        session.rollback()
        return problem_page(request, exc)
    commit_and_index(request, session)
    return RedirectResponse(f"/clauses/{draft.public_id}", status_code=303)
