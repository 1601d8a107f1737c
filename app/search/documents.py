"""Build the search document of a clause: the same function feeds every backend."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, col, select

from app.clauses import repository as repo
from app.clauses.models import Clause, ClauseStatus, Translation
from app.clauses.present import themes_of
from app.search.contract import field_suffix
from app.taxonomy.model import Taxonomy


def _sort_date(clause: Clause) -> int:
    if clause.signed_date:
        d = clause.signed_date
        return d.year * 10000 + d.month * 100 + d.day
    return (clause.year or 0) * 10000


def _append(document: dict[str, Any], name: str, value: str) -> None:
    # Two languages can share a field (`pt` and `pt-BR`, or any two in `other`): keep both.
    document[name] = f"{document[name]}\n\n{value}" if name in document else value


def clause_document(
    clause: Clause,
    codes: dict[str, list[str]],
    translations: list[Translation],
    taxonomy: Taxonomy,
) -> dict[str, Any]:
    """The document for one clause (see app.search.contract for the fields)."""
    themes = themes_of(codes["theme"], codes["subtheme"])
    document: dict[str, Any] = {
        "id": clause.public_id,
        "external_id": clause.external_id,
        "title": clause.title,
        "language": clause.language,
        "kind": str(clause.kind),
        "country": clause.country,
        "region": clause.region,
        "sector": clause.sector,
        "year": clause.year,
        "sort_date": _sort_date(clause),
        "themes": themes,
        "subthemes": codes["subtheme"],
        "lifecycle": codes["lifecycle"],
        "visibility": str(clause.visibility),
        "translations": [
            {"language": t.language, "title": t.title, "kind": str(t.kind)} for t in translations
        ],
    }
    for language, title, text in [
        (clause.language, clause.title, clause.text),
        *((t.language, t.title, t.text) for t in translations),
    ]:
        suffix = field_suffix(language)
        _append(document, f"title_{suffix}", title)
        _append(document, f"text_{suffix}", text)
    concepts = (*themes, *codes["subtheme"], *codes["lifecycle"])
    # A theme narrowed by one of its sub-themes brings its label, not its keywords: theme 4's
    # keywords name every one of its sub-themes ("right to disconnect", "platform work"), and
    # would make a telework clause match a query on disconnection as well as the clauses on it.
    narrowed = tuple(t for t in themes if any(s.split(".")[0] == t for s in codes["subtheme"]))
    for language, terms in taxonomy.terms_by_language(concepts, narrowed).items():
        name = f"labels_{field_suffix(language)}"
        document[name] = [*document.get(name, []), *terms]
    return document


def documents_for(
    session: Session, taxonomy: Taxonomy, clauses: list[Clause]
) -> list[dict[str, Any]]:
    ids = [c.id for c in clauses if c.id is not None]
    codes = repo.tags_of(session, ids)
    translations = repo.translations_of(session, ids)
    return [
        clause_document(c, codes[c.id], translations[c.id], taxonomy)
        for c in clauses
        if c.id is not None
    ]


def published_documents(
    session: Session, taxonomy: Taxonomy, batch: int = 1000
) -> Iterator[dict[str, Any]]:
    """Every published clause's document, read in batches (for a full rebuild).

    The session is closed when the documents run out.
    """
    with session:
        yield from _published_batches(session, taxonomy, batch)


def _published_batches(
    session: Session, taxonomy: Taxonomy, batch: int
) -> Iterator[dict[str, Any]]:
    last_id = 0
    while True:
        clauses = list(
            session.exec(
                select(Clause)
                .where(col(Clause.status) == ClauseStatus.published.value, col(Clause.id) > last_id)
                .order_by(col(Clause.id))
                .limit(batch)
            ).all()
        )
        if not clauses:
            return
        yield from documents_for(session, taxonomy, clauses)
        last_id = clauses[-1].id or last_id
        session.expunge_all()
