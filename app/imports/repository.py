"""The SQL of an import: finding a batch's clauses again, and writing a batch table by table.

Writes are SQLAlchemy Core statements run once per batch with many parameter sets
(executemany), inside the caller's transaction: a batch is written whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Table, bindparam, delete, func, insert, update
from sqlmodel import Session, SQLModel, col, select

import app.models  # noqa: F401  (every table in the metadata, for `_table`)
from app.clauses.models import Clause

SuggestionKey = tuple[str, str, int, tuple[str, ...]]  # facet, code, score, keywords


def _table(name: str) -> Table:
    # `Model.__table__` is untyped in SQLModel; the metadata holds the same Table by name.
    table: Table = SQLModel.metadata.tables[name]
    return table


CLAUSES = _table("clause")
CODES = _table("clause_tag")
TRANSLATIONS = _table("translation")
EVENTS = _table("status_event")
REVISIONS = _table("revision")
OUTBOX = _table("search_outbox")
SUGGESTIONS = _table("suggested_theme")


def existing_clauses(
    session: Session, source: str, keys: Sequence[tuple[str | None, str]], claimed: set[int]
) -> list[Clause | None]:
    """For each row's (external_id, content hash), the clause it stands for, or None.

    By (source, external_id) first, else by content among the source's clauses without an
    external_id: two agreements may hold the same text under two ids, and a row must never take
    over a clause that another id owns. A clause found by content is `claimed` for the rest of
    the import, so that two rows of one file never share one clause. Two queries per batch.
    """
    wanted_ids = [external_id for external_id, _ in keys if external_id]
    by_id: dict[str, Clause] = {}
    if wanted_ids:
        rows = session.exec(
            select(Clause).where(
                col(Clause.source) == source, col(Clause.external_id).in_(wanted_ids)
            )
        ).all()
        by_id = {c.external_id: c for c in rows if c.external_id is not None}
    by_hash = _by_content(session, source, [h for e, h in keys if not (e and e in by_id)])
    found: list[Clause | None] = []
    for external_id, digest in keys:
        clause = by_id.get(external_id) if external_id else None
        if clause is None:
            clause = next((c for c in by_hash.get(digest, ()) if c.id not in claimed), None)
            if clause is not None and clause.id is not None:
                claimed.add(clause.id)
        found.append(clause)
    return found


def _by_content(session: Session, source: str, hashes: list[str]) -> dict[str, list[Clause]]:
    if not hashes:
        return {}
    rows = session.exec(
        select(Clause)
        .where(
            col(Clause.source) == source,
            col(Clause.content_hash).in_(sorted(set(hashes))),
            col(Clause.external_id).is_(None),
        )
        .order_by(col(Clause.id))
    ).all()
    out: dict[str, list[Clause]] = {}
    for clause in rows:
        out.setdefault(clause.content_hash, []).append(clause)
    return out


def insert_clauses(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert clause rows; their new ids, in the order of `rows`."""
    if not rows:
        return []
    # One executemany, then the ids by public id: asking for RETURNING in parameter order makes
    # SQLite's driver insert one row per statement, several times slower.
    session.execute(insert(CLAUSES), rows)
    public_ids = [row["public_id"] for row in rows]
    found = session.execute(
        sa.select(CLAUSES.c.public_id, CLAUSES.c.id).where(CLAUSES.c.public_id.in_(public_ids))
    ).all()
    ids = {public_id: int(row_id) for public_id, row_id in found}
    return [ids[public_id] for public_id in public_ids]


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows into one table with one statement."""
    if rows:
        session.execute(insert(table), rows)


def update_clauses(session: Session, changes: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
    """Set the given columns of each clause; one statement per set of columns changed, so an
    import never writes back a column it did not change."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for clause_id, values in changes:
        names = tuple(sorted(values))
        one = {"row_id": clause_id, **{f"new_{n}": v for n, v in values.items()}}
        groups.setdefault(names, []).append(one)
    for names, params in groups.items():
        statement = (
            update(CLAUSES)
            .where(CLAUSES.c.id == bindparam("row_id"))
            .values({name: bindparam(f"new_{name}") for name in names})
        )
        session.execute(statement, params)


def delete_codes(session: Session, facets: list[tuple[int, str]]) -> None:
    """Remove the codes of each (clause id, facet), before the new ones are inserted."""
    if facets:
        statement = delete(CODES).where(
            CODES.c.clause_id == bindparam("row_id"), CODES.c.facet == bindparam("row_facet")
        )
        session.execute(statement, [{"row_id": i, "row_facet": f} for i, f in facets])


def delete_translations(session: Session, clause_ids: list[int]) -> None:
    if clause_ids:
        session.execute(delete(TRANSLATIONS).where(TRANSLATIONS.c.clause_id.in_(clause_ids)))


def latest_revisions(session: Session, clause_ids: list[int]) -> dict[int, int]:
    """The newest revision number of each clause (0 when it has none)."""
    if not clause_ids:
        return {}
    rows = session.execute(
        sa.select(REVISIONS.c.clause_id, func.max(REVISIONS.c.number))
        .where(REVISIONS.c.clause_id.in_(clause_ids))
        .group_by(REVISIONS.c.clause_id)
    ).all()
    latest = dict.fromkeys(clause_ids, 0)
    latest.update({int(clause_id): int(number or 0) for clause_id, number in rows})
    return latest


def suggestions_of(session: Session, clause_ids: list[int]) -> dict[int, set[SuggestionKey]]:
    """The stored suggestions of each clause."""
    out: dict[int, set[SuggestionKey]] = {i: set() for i in clause_ids}
    if not clause_ids:
        return out
    rows = session.execute(
        sa.select(SUGGESTIONS).where(SUGGESTIONS.c.clause_id.in_(clause_ids))
    ).all()
    for row in rows:
        out[row.clause_id].add((row.facet, row.code, row.score, tuple(row.keywords)))
    return out


def replace_suggestions(session: Session, suggestions: dict[int, set[SuggestionKey]]) -> None:
    """Set the suggestions of each clause given, replacing what was stored."""
    if not suggestions:
        return
    session.execute(delete(SUGGESTIONS).where(SUGGESTIONS.c.clause_id.in_(list(suggestions))))
    rows = [
        {"clause_id": clause_id, "facet": facet, "code": code, "score": score,
         "keywords": list(keywords)}
        for clause_id, keys in suggestions.items()
        for facet, code, score, keywords in sorted(keys)
    ]  # fmt: skip
    insert_rows(session, SUGGESTIONS, rows)
