"""Near-duplicates: the same text after normalisation, or very similar text in the same language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlmodel import Session, col, select

from app.clauses.hashing import normalize_text
from app.clauses.models import Clause, ClauseStatus

SIMILAR_AT = 85.0  # token-set similarity (0-100) from which two texts are flagged
CANDIDATES = 2000  # the most recent clauses in the same language that are compared


@dataclass(frozen=True)
class NearDuplicate:
    id: str
    title: str
    status: str
    similarity: float


def near_duplicates(
    session: Session,
    clause: Clause,
    limit: int = 5,
    shown: Callable[[Clause], bool] | None = None,
) -> list[NearDuplicate]:
    """Other clauses that say the same thing, most similar first (only those `shown` allows:
    a contributor must not learn the titles of another union's unpublished clauses)."""
    exact = session.exec(
        select(Clause).where(
            col(Clause.content_hash) == clause.content_hash, col(Clause.id) != clause.id
        )
    ).all()
    found = {
        c.public_id: NearDuplicate(c.public_id, c.title, c.status, 100.0)
        for c in exact
        if shown is None or shown(c)
    }
    wanted = normalize_text(clause.text)
    candidates = session.exec(
        select(Clause)
        .where(
            col(Clause.language) == clause.language,
            col(Clause.id) != clause.id,
            col(Clause.status).in_([ClauseStatus.published.value, ClauseStatus.submitted.value]),
        )
        .order_by(col(Clause.id).desc())
        .limit(CANDIDATES)
    ).all()
    for other in candidates:
        if other.public_id in found or (shown is not None and not shown(other)):
            continue
        score = fuzz.token_set_ratio(wanted, normalize_text(other.text), score_cutoff=SIMILAR_AT)
        if score:
            found[other.public_id] = NearDuplicate(
                other.public_id, other.title, other.status, round(score, 1)
            )
    return sorted(found.values(), key=lambda d: -d.similarity)[:limit]
