"""The clauses closest to one clause, as its reader may see them (the API and the clause page)."""

from __future__ import annotations

from sqlmodel import Session, col, or_, select

from app.affiliates.keys import Caller
from app.clauses.models import Clause, ClauseStatus
from app.clauses.schemas import ClausePublic
from app.search.contract import SearchBackend, SearchHit
from app.search.queries import search_filters
from app.search.similar import Source, similar

from .repository import ClauseFilter

MAX_SIMILAR = 20
DEFAULT_SIMILAR = 5


def copies_of(session: Session, clause: Clause) -> set[str]:
    """Public ids of the clause's copies: the same text under another id, the model it was
    adapted from and its own adaptations. They are linked from the clause already, or say
    nothing it does not."""
    links = [col(Clause.content_hash) == clause.content_hash]
    if clause.id is not None:
        links.append(col(Clause.adapted_from_id) == clause.id)
    if clause.adapted_from_id is not None:
        links.append(col(Clause.id) == clause.adapted_from_id)
    found = session.exec(select(Clause.public_id).where(or_(*links))).all()
    return set(found) - {clause.public_id}


def similar_clauses(
    session: Session,
    backend: SearchBackend,
    caller: Caller,
    row: Clause,
    shown: ClausePublic,
    limit: int = DEFAULT_SIMILAR,
) -> list[SearchHit]:
    """Published clauses closest to this one that the caller may read; raises
    SearchUnavailable when the search engine cannot answer."""
    source = Source(
        id=shown.id,
        title=shown.title,
        text=shown.text,
        language=shown.language,
        subthemes=tuple(shown.subthemes),
        indexed=row.status == ClauseStatus.published,
    )
    filters = search_filters(ClauseFilter(), caller.signed_in)
    return similar(backend, source, filters, limit, excluded=copies_of(session, row))
