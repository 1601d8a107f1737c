"""A comparison as rows for CSV and XLSX: what the reader saw, with licence and attribution."""

from __future__ import annotations

from typing import Any

from app.compare.schemas import Column

# Cut between the passages on the sub-theme, in one cell.
PASSAGE_SEPARATOR = " … "
COLUMNS = [
    "region",
    "country",
    "year",
    "union",
    "employer",
    "agreement",
    "title",
    "text",
    "language",
    "original_language",
    "translation",
    "passages_on_subtheme",
    "id",
    "url",
    "licence",
    "attribution",
    "published_at",
]


def compare_row(column: Column, base_url: str) -> dict[str, Any]:
    """One compared clause; `url` made absolute so the file still leads back to it."""
    clause = column.clause
    return {
        "region": clause.region,
        "country": clause.country,
        "year": clause.year,
        "union": clause.unions,
        "employer": clause.employer,
        "agreement": clause.agreement,
        "title": clause.title,
        "text": clause.text,
        "language": clause.language,
        "original_language": clause.original_language,
        "translation": clause.translation.value if clause.translation else None,
        "passages_on_subtheme": PASSAGE_SEPARATOR.join(
            p.text for p in column.passages if p.mentions
        ),
        "id": clause.id,
        "url": base_url.rstrip("/") + clause.url,
        "licence": clause.licence,
        "attribution": clause.attribution,
        "published_at": clause.published_at,
    }
