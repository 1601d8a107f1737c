"""POST /api/v1/imports (an upload becomes a job), GET its progress and report, the template."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response, UploadFile, status
from pydantic import BaseModel
from sqlmodel import select

from app.affiliates.deps import Forbidden, WriterDep
from app.affiliates.models import Affiliate
from app.clauses.hashing import new_public_id
from app.db import SessionDep
from app.errors import InvalidInput, NotFound
from app.i18n.translate import _
from app.imports.cli import default_source
from app.imports.errors import FileRefused
from app.imports.fields import template_csv
from app.imports.job_model import ImportJob
from app.imports.jobs import upload_path
from app.imports.readers import format_of

router = APIRouter(prefix="/api/v1/imports", tags=["imports"])


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
    report: dict[str, Any] | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def _out(job: ImportJob) -> JobOut:
    shown = {name: getattr(job, name) for name in JobOut.model_fields if name != "id"}
    return JobOut(id=job.public_id, **{**shown, "status": str(job.status)})


@router.get("/template.csv", summary="A CSV template with every field and an example row")
def template() -> Response:
    headers = {"Content-Disposition": 'attachment; filename="clause-commons-template.csv"'}
    # A byte-order mark, so spreadsheet programs read the example's accents right.
    return Response(
        "\ufeff" + template_csv(), media_type="text/csv; charset=utf-8", headers=headers
    )


@router.post("", response_model=JobOut, status_code=status.HTTP_202_ACCEPTED)
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
    if publish and not caller.moderates:
        raise Forbidden(_("only moderators and admins may import clauses as published"))
    filename = (file.filename or "upload").rsplit("/", 1)[-1][:300]
    try:
        fmt = format_of(Path(filename), format)
    except FileRefused as exc:
        raise InvalidInput.one("format", str(exc)) from exc
    affiliate = session.get(Affiliate, caller.affiliate_id) if caller.affiliate_id else None
    given = {"agreement": agreement, "country": country, "union": union, "employer": employer,
             "year": year, "language": language, "sector": sector}  # fmt: skip
    job = ImportJob(
        public_id="imp-" + new_public_id()[2:],
        filename=filename,
        format=fmt,
        source=default_source(affiliate),
        dry_run=dry_run,
        publish=publish,
        metadata_={k: v for k, v in given.items() if v},
        actor_role=str(caller.role),
        actor_affiliate_id=caller.affiliate_id,
        actor_key_id=caller.key_id,
    )
    upload_dir = request.app.state.upload_dir
    upload_dir.mkdir(parents=True, exist_ok=True)
    with upload_path(upload_dir, job).open("wb") as target:
        shutil.copyfileobj(file.file, target)
    session.add(job)
    session.commit()
    request.app.state.import_worker.notify()
    response.headers["Location"] = f"/api/v1/imports/{job.public_id}"
    return _out(job)


@router.get("/{job_id}", response_model=JobOut)
def get_import(job_id: str, session: SessionDep, caller: WriterDep) -> JobOut:
    """A job's status, progress (rows done of rows total) and, once done, its report."""
    job = session.exec(select(ImportJob).where(ImportJob.public_id == job_id)).first()
    if job is None or not (caller.moderates or job.actor_affiliate_id == caller.affiliate_id):
        raise NotFound(_("no import '%(id)s'") % {"id": job_id})
    return _out(job)
