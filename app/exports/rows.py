"""Clauses as flat rows in the import's own column names, so an export imports back as it was."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlmodel import Session

from app.clauses import repository as repo
from app.clauses.present import present
from app.clauses.schemas import ClausePublic
from app.imports.fields import EXPORT_ONLY, FIELD_NAMES

PAGE = 500
SEPARATOR = "|"


def clause_row(clause: ClausePublic) -> dict[str, Any]:
    """One clause as a mapping of column to value (lists kept as lists)."""
    row: dict[str, Any] = {
        "id": clause.id,
        "status": clause.status.value,
        "attribution": clause.attribution.name if clause.attribution else None,
        "external_id": clause.external_id or clause.id,
        "title": clause.title,
        "text": clause.text,
        "language": clause.language,
        "country": clause.country,
        "union": clause.unions,
        "employer": clause.employer,
        "agreement": clause.agreement.title,
        "year": clause.year,
        "signed_date": clause.agreement.signed_date,
        "expiry_date": clause.agreement.expiry_date,
        "article": clause.agreement.article,
        "themes": clause.themes,
        "subthemes": clause.subthemes,
        "lifecycle": clause.lifecycle,
        "sector": clause.sector,
        "kind": clause.kind.value,
        "tags": clause.tags,
        "source_url": clause.agreement.source_url,
        "licence": clause.licence,
    }
    for translation in clause.translations:
        suffix = translation.language.lower().replace("-", "_")
        row[f"title_{suffix}"] = translation.title
        row[f"text_{suffix}"] = translation.text
        row[f"kind_{suffix}"] = translation.kind.value
    return row


def columns(rows: list[dict[str, Any]]) -> list[str]:
    """The fixed columns, then each translation column met, in order."""
    fixed = [*EXPORT_ONLY, *(name for name in FIELD_NAMES if name != "id")]
    extra: dict[str, None] = {}
    for row in rows:
        extra.update(dict.fromkeys(k for k in row if k not in fixed))
    return fixed + sorted(extra)


def flat(value: Any) -> str:
    """A cell for CSV and XLSX: lists joined with `|`, dates in ISO form, None empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return SEPARATOR.join(str(v) for v in value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def exported_clauses(
    session: Session, filters: repo.ClauseFilter, audience: repo.Audience
) -> Iterator[ClausePublic]:
    """Every clause the audience may see under the filters, page by page (bounded memory)."""
    offset = 0
    while True:
        rows, _ = repo.list_clauses(session, filters, audience, offset, PAGE, oldest_first=True)
        if not rows:
            return
        yield from present(session, rows)
        offset += PAGE
        session.expunge_all()
