"""The SQL an import needs beyond the clause repository: finding a clause by its content."""

from __future__ import annotations

from sqlmodel import Session, col, select

from app.clauses import repository as clauses
from app.clauses.models import Clause


def existing_clause(
    session: Session, source: str, external_id: str | None, content_hash: str
) -> Clause | None:
    """The clause a row stands for: by (source, external_id), else by content in the source.

    The content match only takes a clause that has no external_id: two agreements may hold the
    same text under two ids, and a row must never take over a clause that another id owns.
    """
    if external_id:
        found = clauses.by_external_id(session, source, external_id)
        if found is not None:
            return found
    return session.exec(
        select(Clause)
        .where(
            col(Clause.source) == source,
            col(Clause.content_hash) == content_hash,
            col(Clause.external_id).is_(None),
        )
        .order_by(col(Clause.id))
        .limit(1)
    ).first()
