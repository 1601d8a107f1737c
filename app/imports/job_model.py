"""An import sent over the API: queued, run in the background, with progress and its report."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, String
from sqlmodel import Field, SQLModel

from app.clauses.models import utcnow


class JobStatus(StrEnum):
    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"


class ImportJob(SQLModel, table=True):
    """One uploaded file and what became of it. The upload is deleted once the job ends; the
    job, with its report, `COMMONS_RETENTION_DAYS` later (`commons purge`, `retention.py`)."""

    __tablename__ = "import_job"

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(max_length=64, unique=True, index=True)
    status: JobStatus = Field(default=JobStatus.queued, sa_type=String(20), index=True)
    filename: str = Field(max_length=300)
    format: str = Field(max_length=10)
    source: str = Field(max_length=100)
    dry_run: bool = False
    publish: bool = False
    metadata_: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column("metadata", JSON, nullable=False)
    )
    actor_role: str = Field(max_length=20)
    actor_affiliate_id: int | None = Field(default=None, foreign_key="affiliate.id")
    actor_key_id: int | None = Field(default=None, foreign_key="api_key.id", ondelete="SET NULL")
    rows_done: int = 0
    rows_total: int | None = None
    report: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    error: str | None = Field(default=None, max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None
