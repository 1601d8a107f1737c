"""How long an import's traces are kept: the job (its report, file name and who sent it) and
the uploaded file, `COMMONS_RETENTION_DAYS` after the job ends. `commons purge` removes what is
older.

Clauses are never touched: what an import brought in belongs to the commons, not to its job.
Nor is a job still queued or running, or its file: the worker needs them. An upload is normally
deleted as soon as its job ends; the ones found here were left behind (a crash, a refused
transaction), and go once they are older than the retention.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from app.clauses.models import utcnow
from app.imports.job_model import ImportJob, JobStatus

ACTIVE = (JobStatus.queued.value, JobStatus.running.value)
UPLOAD_PREFIX = "imp-"  # every upload is named after its job's public id
CHUNK = 500  # ids per DELETE, well under every database's limit on bound parameters


@dataclass
class Expired:
    """What is past the retention, kind by kind, with what it takes up."""

    cutoff: datetime
    job_ids: list[int] = field(default_factory=list)
    report_bytes: int = 0  # the jobs' stored reports and errors, as JSON text
    uploads: list[Path] = field(default_factory=list)
    upload_bytes: int = 0

    @property
    def nothing(self) -> bool:
        return not self.job_ids and not self.uploads


def find_expired(
    session: Session, upload_dir: Path, retention_days: int, now: datetime | None = None
) -> Expired:
    """The finished jobs and the uploaded files older than `retention_days`; changes nothing."""
    expired = Expired(cutoff=(now or utcnow()) - timedelta(days=retention_days))
    ended = func.coalesce(col(ImportJob.finished_at), col(ImportJob.created_at))
    query = (
        select(ImportJob.id, ImportJob.report, ImportJob.error)
        .where(col(ImportJob.status).not_in(ACTIVE), ended < expired.cutoff)
        .order_by(col(ImportJob.id))
    )
    for job_id, report, error in session.exec(query):
        assert job_id is not None
        expired.job_ids.append(job_id)
        stored = json.dumps(report, ensure_ascii=False) if report is not None else ""
        expired.report_bytes += len(stored.encode()) + len((error or "").encode())
    active = set(session.exec(select(ImportJob.public_id).where(col(ImportJob.status).in_(ACTIVE))))
    for path, size, modified in _uploads(upload_dir):
        if path.stem not in active and modified < expired.cutoff.timestamp():
            expired.uploads.append(path)
            expired.upload_bytes += size
    return expired


def purge(session: Session, expired: Expired) -> int:
    """Delete what `find_expired` found; the caller commits. How many jobs were deleted.

    A job is deleted only if it is still finished, and a file only if it is still there."""
    deleted = 0
    for start in range(0, len(expired.job_ids), CHUNK):
        chunk = expired.job_ids[start : start + CHUNK]
        statement = delete(ImportJob).where(
            col(ImportJob.id).in_(chunk), col(ImportJob.status).not_in(ACTIVE)
        )
        deleted += session.connection().execute(statement).rowcount
    for path in expired.uploads:
        path.unlink(missing_ok=True)
    return deleted


def _uploads(upload_dir: Path) -> Iterator[tuple[Path, int, float]]:
    """Each uploaded file: its path, size and last change (seconds since the epoch)."""
    if not upload_dir.is_dir():
        return
    for path in sorted(upload_dir.iterdir()):
        if path.name.startswith(UPLOAD_PREFIX) and path.is_file() and not path.is_symlink():
            found = path.stat()
            yield path, found.st_size, found.st_mtime
