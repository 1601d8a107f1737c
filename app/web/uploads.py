"""Bulk upload from the web: a file becomes an import job by the API's own rules
(`app.imports.queue`), then a page shows the job's progress and report."""

from __future__ import annotations

from typing import Annotated, Any

from babel.numbers import format_decimal
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.affiliates.keys import Caller
from app.db import SessionDep
from app.errors import InvalidInput, ProblemError
from app.i18n.names import country_name
from app.i18n.translate import _, current_language
from app.imports.queue import Upload, job_for, queue_import, recent_jobs
from app.imports.readers import FORMATS
from app.imports.report import stored_report
from app.taxonomy.deps import TaxonomyDep
from app.taxonomy.model import Taxonomy
from app.web.answers import problem_page, refused, signed_in
from app.web.session import csrf_ok
from app.web.templating import render

router = APIRouter(include_in_schema=False)
RECENT_JOBS = 20
SHOWN_ERRORS = 200  # rows of the rejected-rows table; the count says how many more there are
META = ("agreement", "country", "union", "employer", "year", "language", "sector")
Text = Annotated[str, Form(max_length=500)]


def _form_page(
    request: Request,
    session: Session,
    taxonomy: Taxonomy,
    caller: Caller,
    values: dict[str, Any],
    errors: dict[str, str],
    status_code: int | None = None,
) -> HTMLResponse:
    language = current_language()
    countries = sorted(
        ((code, country_name(code, language)) for code in taxonomy.countries),
        key=lambda item: item[1],
    )
    return render(
        request,
        "upload.html",
        status_code=status_code or (422 if errors else 200),
        forms=True,
        values=values,
        errors=errors,
        formats=FORMATS,
        countries=countries,
        moderates=caller.moderates,
        jobs=recent_jobs(session, caller, RECENT_JOBS),
    )


@router.get("/contribute/upload", response_class=HTMLResponse)
def upload_page(request: Request, session: SessionDep, taxonomy: TaxonomyDep) -> Response:
    """The upload form, with the latest imports and their status (and, when the last file
    sent was refused for its size, why)."""
    caller = signed_in(request, session, "/contribute/upload")
    errors: dict[str, str] = {}
    limit = request.query_params.get("too_large", "")
    if limit.isdigit():
        size = format_decimal(int(limit) / 1_000_000, "#,##0.#", locale=current_language())
        message = _("That file was not imported: it is over %(size)s MB, the largest accepted.")
        errors["file"] = message % {"size": size}
    return _form_page(request, session, taxonomy, caller, {}, errors, status_code=200)


@router.post("/contribute/upload", response_class=HTMLResponse)
def upload(
    request: Request,
    session: SessionDep,
    taxonomy: TaxonomyDep,
    file: Annotated[UploadFile | None, File()] = None,
    csrf: Annotated[str, Form(max_length=100)] = "",
    format_: Annotated[str, Form(alias="format", max_length=10)] = "",
    dry_run: Annotated[bool, Form()] = False,
    publish: Annotated[bool, Form()] = False,
    agreement: Text = "",
    country: Text = "",
    union: Text = "",
    employer: Text = "",
    year: Text = "",
    language: Text = "",
    sector: Text = "",
) -> Response:
    """Queue the file as an import job (contributors' clauses land as drafts), then show it."""
    if not csrf_ok(request, csrf):
        return refused(request)
    caller = signed_in(request, session, "/contribute/upload")
    given = {"agreement": agreement, "country": country, "union": union, "employer": employer,
             "year": year, "language": language, "sector": sector}  # fmt: skip
    values = {**given, "format": format_, "dry_run": dry_run, "publish": publish}
    if file is None or not file.filename:
        errors = {"file": _("Choose a file to upload.")}
        return _form_page(request, session, taxonomy, caller, values, errors)
    upload_ = Upload(
        filename=file.filename,
        content=file.file,
        format=format_ or None,
        dry_run=dry_run,
        publish=publish,
        metadata={name: value.strip() for name, value in given.items() if value.strip()},
    )
    try:
        job = queue_import(session, caller, request.app.state.upload_dir, upload_)
    except InvalidInput as exc:
        session.rollback()
        errors = {e["field"]: e["message"] for e in exc.errors} or {"form": exc.detail}
        return _form_page(request, session, taxonomy, caller, values, errors)
    except ProblemError as exc:
        session.rollback()
        return problem_page(request, exc)
    session.commit()
    request.app.state.import_worker.notify()
    return RedirectResponse(f"/contribute/imports/{job.public_id}", status_code=303)


@router.get("/contribute/imports/{job_id}", response_class=HTMLResponse)
def job_page(job_id: str, request: Request, session: SessionDep) -> Response:
    """One import: status, progress and, once done, its report row by row."""
    caller = signed_in(request, session, f"/contribute/imports/{job_id}")
    try:
        job = job_for(session, caller, job_id)
    except ProblemError as exc:
        return problem_page(request, exc)
    report = stored_report(job.report) or {}
    errors = report.get("errors", [])
    more = max(0, len(errors) - SHOWN_ERRORS) + int(report.get("errors_left_out", 0))
    return render(
        request,
        "import_job.html",
        job=job,
        report=report,
        errors=[{**e, "where": place_in_file(e)} for e in errors[:SHOWN_ERRORS]],
        more_errors=more,
        running=job.status in ("queued", "running"),
        retention_days=request.app.state.settings.retention_days,
    )


def place_in_file(error: dict[str, Any]) -> str:
    """Where a rejected row is in its file, in the reader's language: `line 7`, `Article 12`.

    A report stored before places were kept names the row by its number only."""
    place = error.get("place") or {"kind": "row", "number": error.get("row")}
    if place.get("label"):
        return str(place["label"])
    wording = {
        "line": _("line %(number)s"),
        "record": _("record %(number)s"),
        "article": _("article %(number)s"),
    }.get(str(place.get("kind")), _("row %(number)s"))
    return wording % {"number": place.get("number")}
