"""Shapes for the workflow, revision and moderation endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from app.clauses.schemas import ClausePublic


class StepIn(BaseModel):
    """An optional reason; required to reject."""

    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None


class NearDuplicateOut(BaseModel):
    id: str
    title: str
    status: str
    similarity: float


class SubmittedClause(ClausePublic):
    near_duplicates: list[NearDuplicateOut]


class QueueItem(BaseModel):
    clause: ClausePublic
    near_duplicates: list[NearDuplicateOut]


class Queue(BaseModel):
    items: list[QueueItem]
    total: int


class EventOut(BaseModel):
    from_status: str | None
    to_status: str
    actor_role: str
    reason: str | None
    at: datetime


class RevisionSummary(BaseModel):
    number: int
    title: str
    actor_role: str
    at: datetime


class RevisionOut(RevisionSummary):
    text: str
    snapshot: dict[str, object]


class RevisionDiff(BaseModel):
    from_revision: int
    to_revision: int
    changed_fields: list[str]
    title_diff: str
    text_diff: str
