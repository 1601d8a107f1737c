"""A clause as a bulk import writes it: its columns, its codes and its translations.

The clause service writes one clause at a time through the ORM; an import writes a whole batch
with one statement per table. This module applies the service's own rules to plain values, so
the rows it writes, and the revision snapshot it records, are the ones the service would make
(a test imports the same files both ways and compares every table).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from app.affiliates.keys import Caller
from app.clauses.hashing import content_hash, new_public_id
from app.clauses.models import Clause, ClauseStatus, TagFacet
from app.clauses.present import themes_of
from app.clauses.revisions import SNAPSHOT_FIELDS
from app.clauses.schemas import AgreementIn, ClauseCreate, ClausePublic, ClauseUpdate
from app.taxonomy.model import Taxonomy

Translated = tuple[str, str, str, str]  # language, title, text, kind
FACETS = {TagFacet.theme: "themes", TagFacet.subtheme: "subthemes", TagFacet.lifecycle: "lifecycle"}
# The clause columns an update may change, as `service.update_clause` sets them.
_SIMPLE = ("title", "text", "language", "external_id", "kind", "visibility", "sector", "unions",
           "employer", "tags", "licence", "year")  # fmt: skip


@dataclass
class ClauseState:
    """Every column of a clause (but its row id), its codes by facet and its translations."""

    columns: dict[str, Any]
    codes: dict[TagFacet, list[str]]
    translations: list[Translated]
    changed: set[str] = field(default_factory=set)  # columns that differ from the stored row

    @property
    def public_id(self) -> str:
        return str(self.columns["public_id"])


def created(
    data: ClauseCreate,
    digest: str,
    taxonomy: Taxonomy,
    caller: Caller,
    source: str,
    now: datetime,
) -> ClauseState:
    """A new clause, as `service.create_clause` builds it; `digest` is its content hash."""
    published = data.status == ClauseStatus.published
    columns: dict[str, Any] = {
        "public_id": new_public_id(),
        "source": source,
        "external_id": data.external_id,
        "title": data.title,
        "text": data.text,
        "language": data.language,
        "kind": data.kind.value,
        "status": data.status.value,
        "visibility": data.visibility.value,
        "country": data.country,
        "region": taxonomy.region_of(data.country) if data.country else None,
        "sector": data.sector,
        "unions": list(data.unions),
        "employer": data.employer,
        "tags": list(data.tags),
        "licence": data.licence,
        "affiliate_id": caller.affiliate_id,
        "content_hash": digest,
        "adapted_from_id": None,
        "rejection_reason": None,
        "created_at": now,
        "updated_at": now,
        "published_at": now if published else None,
        **_agreement_columns(data.agreement),
    }
    signed = data.agreement.signed_date
    columns["year"] = data.year or (signed.year if signed else None)
    codes = {facet: _unique(getattr(data, name)) for facet, name in FACETS.items()}
    translations = [(t.language, t.title, t.text, t.kind.value) for t in data.translations]
    return ClauseState(columns, codes, translations)


def stored(clause: Clause, shown: ClausePublic, codes: dict[str, list[str]]) -> ClauseState:
    """A clause as it is stored: its row, its raw codes (`tags_of`) and its translations."""
    columns = {name: getattr(clause, name) for name in Clause.model_fields if name != "id"}
    by_facet = {facet: list(codes[facet.value]) for facet in TagFacet}
    translations = [(t.language, t.title, t.text, t.kind.value) for t in shown.translations]
    return ClauseState(columns, by_facet, translations)


def updated(
    state: ClauseState, data: ClauseUpdate, taxonomy: Taxonomy, now: datetime
) -> tuple[ClauseState, set[TagFacet], bool]:
    """The clause after `data`, as `service.update_clause` changes it; and which facets and
    whether the translations were replaced."""
    changes = data.model_dump(exclude_unset=True)
    new = replace(state, columns=dict(state.columns), codes=dict(state.codes),
                  changed=set(state.changed))  # fmt: skip
    values: dict[str, Any] = {n: _plain(getattr(data, n)) for n in _SIMPLE if n in changes}
    if "country" in changes:
        values["country"] = data.country
        values["region"] = taxonomy.region_of(data.country) if data.country else None
    if "agreement" in changes:
        values.update(_agreement_columns(data.agreement or AgreementIn()))
    _set(new, values)
    facets = {facet for facet, name in FACETS.items() if name in changes}
    for facet in facets:
        new.codes[facet] = _unique(changes[FACETS[facet]])
    if data.translations is not None:
        new.translations = [(t.language, t.title, t.text, t.kind.value) for t in data.translations]
    _set(new, {"content_hash": content_hash(new.columns["title"], new.columns["text"])})
    _set(new, {"updated_at": now}, always=True)
    return new, facets, data.translations is not None


def published(state: ClauseState, now: datetime) -> ClauseState:
    """The clause published, as the workflow's publish step leaves it."""
    new = replace(state, columns=dict(state.columns), changed=set(state.changed))
    values = {"status": ClauseStatus.published.value, "published_at": now,
              "updated_at": now, "rejection_reason": None}  # fmt: skip
    _set(new, values, always=True)
    return new


def snapshot(state: ClauseState) -> dict[str, Any]:
    """What `record_revision` keeps of the clause: its presentation's editable fields, as JSON."""
    c = state.columns
    codes = {facet: sorted(codes) for facet, codes in state.codes.items()}
    shown: dict[str, Any] = {
        **{name: c[name] for name in _SIMPLE},
        "country": c["country"],
        "unions": list(c["unions"]),
        "tags": list(c["tags"]),
        "agreement": {
            "title": c["agreement_title"],
            "signed_date": _iso(c["signed_date"]),
            "expiry_date": _iso(c["expiry_date"]),
            "source_url": c["source_url"],
            "article": c["article"],
        },
        "themes": themes_of(codes[TagFacet.theme], codes[TagFacet.subtheme]),
        "subthemes": codes[TagFacet.subtheme],
        "lifecycle": codes[TagFacet.lifecycle],
        "translations": [
            {"language": language, "title": title, "text": text, "kind": kind}
            for language, title, text, kind in sorted(state.translations)
        ],
    }
    return {name: value for name, value in shown.items() if name in SNAPSHOT_FIELDS}


def _agreement_columns(agreement: AgreementIn) -> dict[str, Any]:
    return {
        "agreement_title": agreement.title,
        "signed_date": agreement.signed_date,
        "expiry_date": agreement.expiry_date,
        "source_url": str(agreement.source_url) if agreement.source_url else None,
        "article": agreement.article,
    }


def _set(state: ClauseState, values: dict[str, Any], *, always: bool = False) -> None:
    for name, value in values.items():
        if always or state.columns.get(name) != value:
            state.changed.add(name)
        state.columns[name] = value


def _plain(value: Any) -> Any:
    """An enum as the string column stores it; lists copied."""
    if isinstance(value, list):
        return list(value)
    return getattr(value, "value", value)


def _unique(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
