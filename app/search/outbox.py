"""Writing to the search outbox, inside the caller's transaction."""

from __future__ import annotations

from sqlmodel import Session

from app.search.outbox_model import SearchOutbox


def enqueue(session: Session, public_id: str) -> None:
    """Record that a clause changed; the indexer re-reads it and upserts or deletes it."""
    session.add(SearchOutbox(clause_public_id=public_id))
