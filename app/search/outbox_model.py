"""The search outbox: what to (re)index, written in the same transaction as the change."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from app.clauses.models import utcnow


class SearchOutbox(SQLModel, table=True):
    """One pending change: the clause is re-read at indexing time, so only its id is kept."""

    __tablename__ = "search_outbox"

    id: int | None = Field(default=None, primary_key=True)
    clause_public_id: str = Field(max_length=64, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=1000)
