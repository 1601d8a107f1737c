"""The Contribute pages: a clause form with taxonomy pickers, adapting a model clause, my drafts."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from app.affiliates.keys import Caller
from app.clauses import repository as repo
from app.clauses import service
from app.clauses.present import present
from app.clauses.schemas import ClauseCreate
from app.db import SessionDep
from app.errors import ProblemError
from app.i18n.names import country_name
from app.i18n.translate import current_language
from app.i18n.validation_messages import field_message
from app.search.nudge import commit_and_index
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy
from app.web.account import refused
from app.web.session import csrf_ok, web_caller
from app.web.templating import PAGE_LANGUAGES, render

router = APIRouter(include_in_schema=False)
UNFINISHED = ("draft", "submitted", "rejected")
Many = Annotated[list[str], Form()]
Text = Annotated[str, Form(max_length=50_000)]


def _sign_in_first(path: str) -> RedirectResponse:
    return RedirectResponse("/sign-in?" + urlencode({"next": path}), status_code=303)


def _pickers(taxonomy: Taxonomy) -> dict[str, Any]:
    language = current_language()
    countries = sorted(
        ((code, country_name(code, language)) for code in taxonomy.countries),
        key=lambda item: item[1],
    )
    return {
        "themes": taxonomy.themes,
        "phases": taxonomy.lifecycle,
        "countries": countries,
        "clause_languages": PAGE_LANGUAGES,
        "label": lambda code: taxonomy.label(code, language),
    }


def _form_page(
    request: Request, taxonomy: Taxonomy, values: dict[str, Any], errors: dict[str, str]
) -> HTMLResponse:
    status = 422 if errors else 200
    context = {"values": values, "errors": errors, **_pickers(taxonomy)}
    return render(request, "contribute.html", status_code=status, forms=True, **context)


@router.get("/contribute", response_class=HTMLResponse)
def contribute_page(request: Request, session: SessionDep, taxonomy: TaxonomyDep) -> Response:
    user, _caller = web_caller(request, session)
    if user is None:
        return _sign_in_first("/contribute")
    values = {"language": current_language(), "kind": "negotiated", "subthemes": []}
    return _form_page(request, taxonomy, values, {})


def _field_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        name = ".".join(str(part) for part in error["loc"] if not isinstance(part, int))
        errors.setdefault(name or "form", field_message(error))
    return errors


def _payload(values: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the API's ClauseCreate expects them; blanks are left out."""
    payload: dict[str, Any] = {
        key: values[key] for key in ("title", "text", "language", "kind") if values[key]
    }
    for key in ("country", "sector", "employer"):
        if values[key].strip():
            payload[key] = values[key].strip()
    if values["year"].strip():
        payload["year"] = values["year"].strip()
    if values["agreement"].strip():
        payload["agreement"] = {"title": values["agreement"].strip()}
    payload["subthemes"] = values["subthemes"]
    payload["lifecycle"] = values["lifecycle"]
    return payload


@router.post("/contribute", response_class=HTMLResponse)
def contribute(
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    csrf: Annotated[str, Form(max_length=100)] = "",
    title: Text = "",
    text: Text = "",
    language: Text = "",
    kind: Text = "negotiated",
    country: Text = "",
    sector: Text = "",
    employer: Text = "",
    agreement: Text = "",
    year: Text = "",
    subthemes: Many = [],  # noqa: B006 - FastAPI copies form defaults per request
    lifecycle: Many = [],  # noqa: B006
) -> Response:
    """Save the clause as a draft of the user's affiliate, or show the form again with errors."""
    if not csrf_ok(request, csrf):
        return refused(request)
    user, caller = web_caller(request, session)
    if user is None:
        return _sign_in_first("/contribute")
    values: dict[str, Any] = {
        "title": title,
        "text": text,
        "language": language,
        "kind": kind,
        "country": country,
        "sector": sector,
        "employer": employer,
        "agreement": agreement,
        "year": year,
        "subthemes": subthemes,
        "lifecycle": lifecycle,
    }
    try:
        data = ClauseCreate.model_validate(_payload(values))
        clause = service.create_clause(session, taxonomy, caller, data)
    except ValidationError as exc:
        return _form_page(request, taxonomy, values, _field_errors(exc))
    except ProblemError as exc:
        session.rollback()
        errors = {e["field"].split("[")[0]: e["message"] for e in exc.errors} or {
            "form": exc.detail
        }
        return _form_page(request, taxonomy, values, errors)
    commit_and_index(request, session)
    return RedirectResponse(f"/clauses/{clause.public_id}", status_code=303)


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
    user, caller = web_caller(request, session)
    if user is None:
        return _sign_in_first(f"/clauses/{public_id}")
    try:
        draft = service.adapt_model_clause(session, taxonomy, caller, public_id)
    except ProblemError as exc:
        session.rollback()
        return render(request, "refused.html", status_code=exc.status, message=exc.detail)
    commit_and_index(request, session)
    return RedirectResponse(f"/clauses/{draft.public_id}", status_code=303)


def drafts_of(session: SessionDep, caller: Caller) -> list[Any]:
    filters = repo.ClauseFilter(status=UNFINISHED)
    rows, _total = repo.list_clauses(session, filters, service.audience_of(caller), 0, 100)
    return present(session, rows)


@router.get("/contribute/drafts", response_class=HTMLResponse)
def my_drafts(request: Request, session: SessionDep) -> Response:
    """The unfinished clauses of the user's affiliate (every one, for moderators)."""
    user, caller = web_caller(request, session)
    if user is None:
        return _sign_in_first("/contribute/drafts")
    return render(request, "drafts.html", clauses=drafts_of(session, caller))
