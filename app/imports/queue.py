"""Import jobs as the API and the web pages start and read them: one set of rules for both."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from sqlmodel import Session, col, select

from app.affiliates.deps import Forbidden
from app.affiliates.keys import Caller
from app.affiliates.models import Affiliate
from app.clauses.hashing import new_public_id
from app.errors import InvalidInput, NotFound
from app.i18n.translate import _
from app.imports.cli import default_source
from app.imports.errors import FileRefused
from app.imports.job_model import ImportJob
from app.imports.jobs import upload_path
from app.imports.readers import format_of


@dataclass(frozen=True)
class Upload:
    """A file handed in for import, with what the caller said about it."""

    filename: str
    content: BinaryIO
    format: str | None = None
    dry_run: bool = False
    publish: bool = False
    # agreement, country, union, employer, year, language, sector (agreement documents)
    metadata: dict[str, str] = field(default_factory=dict)


def queue_import(session: Session, caller: Caller, upload_dir: Path, upload: Upload) -> ImportJob:
    """Store the file and add its job (the caller commits, then wakes the import worker).

    Contributors' clauses land as drafts of their affiliate; publishing is for moderators."""
    if upload.publish and not caller.moderates:
        raise Forbidden(_("only moderators and admins may import clauses as published"))
    filename = (upload.filename or "upload").rsplit("/", 1)[-1][:300]
    try:
        fmt = format_of(Path(filename), upload.format)
    except FileRefused as exc:
        raise InvalidInput.one("format", str(exc)) from exc
    affiliate = session.get(Affiliate, caller.affiliate_id) if caller.affiliate_id else None
    job = ImportJob(
        public_id="imp-" + new_public_id()[2:],
        filename=filename,
        format=fmt,
        source=default_source(affiliate),
        dry_run=upload.dry_run,
        publish=upload.publish,
        metadata_={key: value for key, value in upload.metadata.items() if value},
        actor_role=str(caller.role),
        actor_affiliate_id=caller.affiliate_id,
        actor_key_id=caller.key_id,
    )
    upload_dir.mkdir(parents=True, exist_ok=True)
    with upload_path(upload_dir, job).open("wb") as target:
        shutil.copyfileobj(upload.content, target)
    session.add(job)
    session.flush()
    return job


def _may_see(caller: Caller, job: ImportJob) -> bool:
    return caller.moderates or job.actor_affiliate_id == caller.affiliate_id


def job_for(session: Session, caller: Caller, job_id: str) -> ImportJob:
    """A job of the caller's affiliate (any job, for moderators); else 404, as if none."""
    job = session.exec(select(ImportJob).where(ImportJob.public_id == job_id)).first()
    if job is None or not _may_see(caller, job):
        raise NotFound(_("no import '%(id)s'") % {"id": job_id})
    return job


def recent_jobs(session: Session, caller: Caller, limit: int) -> list[ImportJob]:
    """The latest imports of the caller's affiliate (every affiliate's, for moderators)."""
    query = select(ImportJob).order_by(col(ImportJob.id).desc()).limit(limit)
    if not caller.moderates:
        query = query.where(col(ImportJob.actor_affiliate_id) == caller.affiliate_id)
    return list(session.exec(query).all())
