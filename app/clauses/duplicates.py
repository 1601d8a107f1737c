"""Near-duplicates: the same text after normalisation, or very similar text in the same language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlmodel import Session, col, select

from app.clauses.hashing import normalize_text
from app.clauses.models import Clause, ClauseStatus

SIMILAR_AT = 85.0  # token-set similarity (0-100) from which two texts are flagged
CANDIDATES = 2000  # the most recent clauses in the same language that are compared
LOAD_BATCH = 20  # close candidates loaded at a time, until enough are shown


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
    # The candidates' texts alone are read and compared (in rapidfuzz's own loop); only the
    # few that come close are loaded as clauses, most similar first, until `limit` are shown.
    candidates = session.exec(
        select(col(Clause.id), col(Clause.text))
        .where(
            col(Clause.language) == clause.language,
            col(Clause.id) != clause.id,
            col(Clause.status).in_([ClauseStatus.published.value, ClauseStatus.submitted.value]),
        )
        .order_by(col(Clause.id).desc())
        .limit(CANDIDATES)
    ).all()
    ids = [int(row[0] or 0) for row in candidates]
    close = process.extract(
        normalize_text(clause.text),
        [normalize_text(row[1]) for row in candidates],
        scorer=fuzz.token_set_ratio,
        score_cutoff=SIMILAR_AT,
        limit=None,
    )
    ranked = sorted(((score, ids[at]) for _, score, at in close), key=lambda s: (-s[0], -s[1]))
    shown_first = list(found.values())[:limit]  # the same text: 100, before any close one
    wanted = limit - len(shown_first)
    more: list[NearDuplicate] = []
    for start in range(0, len(ranked), LOAD_BATCH):
        if len(more) >= wanted:
            break
        batch = ranked[start : start + LOAD_BATCH]
        loaded = {
            c.id: c
            for c in session.exec(
                select(Clause).where(col(Clause.id).in_([clause_id for _, clause_id in batch]))
            ).all()
        }
        for score, clause_id in batch:
            other = loaded.get(clause_id)
            if (
                other is None
                or other.public_id in found
                or (shown is not None and not shown(other))
            ):
                continue
            more.append(NearDuplicate(other.public_id, other.title, other.status, round(score, 1)))
    return (shown_first + more)[:limit]
