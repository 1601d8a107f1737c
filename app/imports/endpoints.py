"""POST /api/v1/imports (an upload becomes a job), GET its progress and report, the template;
GET /api/v1/clauses/{id}/suggestions (the themes an import suggested for a draft, and why)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response, UploadFile, status
from pydantic import BaseModel, Field

from app.affiliates.deps import WriterDep
from app.clauses import service
from app.clauses.endpoints import PROBLEMS
from app.db import SessionDep
from app.i18n.negotiate import reader_language
from app.imports.fields import template_csv
from app.imports.job_model import ImportJob
from app.imports.queue import Upload, job_for, queue_import
from app.imports.report import stored_report
from app.imports.suggestions import SuggestionsOut, suggestions_for
from app.taxonomy.deps import TaxonomyDep

jobs_router = APIRouter(prefix="/api/v1/imports", tags=["imports"])
review_router = APIRouter(prefix="/api/v1/clauses", tags=["imports"])


class JobOut(BaseModel):
    id: str
    status: str
    filename: str
    format: str
    source: str
    dry_run: bool
    publish: bool
    rows_done: int
    rows_total: int | None
    report: dict[str, Any] | None = Field(
        description="Once done: the counts, and each rejected row's `row`, `place` in the file "
        "(`kind` line, row, record or article; `number`; `label`), `external_id`, `field` and "
        "`reason`"
    )
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def _out(job: ImportJob) -> JobOut:
    shown = {name: getattr(job, name) for name in JobOut.model_fields if name != "id"}
    shown["report"] = stored_report(job.report)
    return JobOut(id=job.public_id, **{**shown, "status": str(job.status)})


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {status: PROBLEMS[status] for status in statuses}


JOB_PROBLEMS = {
    **_problems(401, 403, 422, 429),
    404: {"description": "No such import job (or not the caller's)"},
}


@jobs_router.get(
    "/template.csv",
    summary="A CSV template with every field and an example row",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "The CSV template"}},
)
def template() -> Response:
    headers = {"Content-Disposition": 'attachment; filename="clause-commons-template.csv"'}
    # A byte-order mark, so spreadsheet programs read the example's accents right.
    return Response(
        "\ufeff" + template_csv(), media_type="text/csv; charset=utf-8", headers=headers
    )


@jobs_router.post(
    "",
    response_model=JobOut,
    status_code=status.HTTP_202_ACCEPTED,
    responses=_problems(401, 403, 422, 429),
)
def create_import(
    request: Request,
    response: Response,
    session: SessionDep,
    caller: WriterDep,
    file: UploadFile,
    format: Annotated[
        str | None, Form(description="csv, xlsx, jsonl, json, docx, pdf, html, txt")
    ] = None,
    dry_run: Annotated[bool, Form()] = False,
    publish: Annotated[bool, Form(description="Moderators and admins only")] = False,
    agreement: Annotated[str | None, Form(description="Agreement title (documents)")] = None,
    country: Annotated[str | None, Form()] = None,
    union: Annotated[str | None, Form()] = None,
    employer: Annotated[str | None, Form()] = None,
    year: Annotated[str | None, Form()] = None,
    language: Annotated[str | None, Form(description="Language hint (documents)")] = None,
    sector: Annotated[str | None, Form()] = None,
) -> JobOut:
    """Queue an import of one file; contributors' clauses land as drafts of their affiliate."""
    given = {"agreement": agreement, "country": country, "union": union, "employer": employer,
             "year": year, "language": language, "sector": sector}  # fmt: skip
    upload = Upload(
        filename=file.filename or "upload",
        content=file.file,
        format=format,
        dry_run=dry_run,
        publish=publish,
        metadata={key: value for key, value in given.items() if value},
    )
    job = queue_import(session, caller, request.app.state.upload_dir, upload)
    session.commit()
    request.app.state.import_worker.notify()
    response.headers["Location"] = f"/api/v1/imports/{job.public_id}"
    return _out(job)


@jobs_router.get("/{job_id}", response_model=JobOut, responses=JOB_PROBLEMS)
def get_import(job_id: str, session: SessionDep, caller: WriterDep) -> JobOut:
    """A job's status, progress (rows done of rows total) and, once done, its report."""
    return _out(job_for(session, caller, job_id))


@review_router.get(
    "/{public_id}/suggestions", response_model=SuggestionsOut, responses=_problems(401, 404, 429)
)
def get_suggestions(
    public_id: str,
    request: Request,
    response: Response,
    session: SessionDep,
    caller: WriterDep,
    taxonomy: TaxonomyDep,
) -> SuggestionsOut:
    """The themes and sub-themes an import suggested for a clause from an agreement document,
    with the keywords that led to each: what a reviewer checks before tagging the draft."""
    clause = service.visible_clause(session, caller, public_id)
    language = reader_language(request, taxonomy.languages)
    response.headers["Content-Language"] = language
    return suggestions_for(session, taxonomy, clause, language)


# The one router the app includes: the jobs under /imports, the review notes under /clauses.
router = APIRouter()
router.include_router(jobs_router)
router.include_router(review_router)
