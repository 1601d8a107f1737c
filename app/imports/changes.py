"""What a row would change in an existing clause, as a `ClauseUpdate` of the changed fields only.

Only the fields the file gives are compared: a file without a `tags` column leaves tags alone.
"""

from __future__ import annotations

from typing import Any

from app.clauses.present import themes_of
from app.clauses.schemas import AgreementIn, ClausePublic, ClauseUpdate
from app.imports.rows import MappedRow

_SIMPLE = (
    "title",
    "text",
    "language",
    "external_id",
    "kind",
    "country",
    "sector",
    "unions",
    "employer",
    "tags",
    "licence",
)
_AGREEMENT_PARTS = ("title", "signed_date", "expiry_date", "source_url", "article")


def changes_for(row: MappedRow, current: ClausePublic) -> ClauseUpdate | None:
    """The update that makes `current` match the row, or None when nothing differs."""
    want = row.clause
    changed: dict[str, Any] = {}
    for name in _SIMPLE:
        if name in row.given and getattr(want, name) != getattr(current, name):
            changed[name] = getattr(want, name)
    changed.update(_codes(row, current))
    agreement = _agreement(row, current)
    if agreement is not None:
        changed["agreement"] = agreement.model_dump()
    year = _year(row, current)
    if year != current.year and ({"year", "agreement.signed_date"} & row.given):
        changed["year"] = year
    translations = _translations(row, current)
    if translations is not None:
        changed["translations"] = translations
    if not changed:
        return None
    return ClauseUpdate.model_validate(changed)


def _codes(row: MappedRow, current: ClausePublic) -> dict[str, list[str]]:
    want = row.clause
    out: dict[str, list[str]] = {}
    if {"themes", "subthemes"} & row.given:
        themes = want.themes if "themes" in row.given else current.themes
        subthemes = want.subthemes if "subthemes" in row.given else current.subthemes
        if themes_of(themes, subthemes) != current.themes or sorted(subthemes) != sorted(
            current.subthemes
        ):
            out["themes"], out["subthemes"] = list(themes), list(subthemes)
    if "lifecycle" in row.given and sorted(want.lifecycle) != sorted(current.lifecycle):
        out["lifecycle"] = list(want.lifecycle)
    return out


def _agreement(row: MappedRow, current: ClausePublic) -> AgreementIn | None:
    """The whole agreement (the API replaces it whole) when a given part of it changed."""
    have = {
        "title": current.agreement.title,
        "signed_date": current.agreement.signed_date,
        "expiry_date": current.agreement.expiry_date,
        "source_url": current.agreement.source_url,
        "article": current.agreement.article,
    }
    merged = dict(have)
    for part in _AGREEMENT_PARTS:
        if f"agreement.{part}" in row.given:
            value = getattr(row.clause.agreement, part)
            merged[part] = str(value) if part == "source_url" and value is not None else value
    if merged == have:
        return None
    return AgreementIn.model_validate(merged)


def _year(row: MappedRow, current: ClausePublic) -> int | None:
    """The year as `create_clause` would set it: given, else the signing date's year."""
    want = row.clause
    if want.year is not None:
        return want.year
    signed = (
        want.agreement.signed_date
        if "agreement.signed_date" in row.given
        else current.agreement.signed_date
    )
    return signed.year if signed else None


def _translations(row: MappedRow, current: ClausePublic) -> list[dict[str, Any]] | None:
    scope = row.translation_scope
    if scope is not None and not scope:
        return None
    kept = [
        t.model_dump()
        for t in current.translations
        if scope is not None and t.language not in scope
    ]
    wanted = kept + [t.model_dump() for t in row.clause.translations]
    have = [t.model_dump() for t in current.translations]
    if _sorted(wanted) == _sorted(have):
        return None
    return wanted


def _sorted(items: list[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    return sorted((str(t["language"]), t["title"], t["text"], str(t["kind"])) for t in items)
