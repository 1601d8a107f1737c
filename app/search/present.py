"""Turn a backend's SearchPage into the API answer: safe snippets and localized facet labels."""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any

from app.i18n.languages import same_language
from app.i18n.names import country_name, language_name
from app.i18n.translate import N_, translate_in
from app.search.contract import FACETS, MARK_END, MARK_START, SearchPage
from app.search.schemas import FacetValue, Hit, ReaderTranslation
from app.taxonomy.model import Taxonomy

# Facets are answered under the names of the query parameters that filter on them.
FACET_PARAMS = {"themes": "theme", "subthemes": "subtheme"}
KIND_LABELS = {"negotiated": N_("Negotiated clause"), "model": N_("Model clause")}


def safe_snippet(snippet: str) -> str:
    """Escape the clause text, then turn the markers into <mark>: stored HTML never runs."""
    return html.escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


@lru_cache(maxsize=16_384)  # every search labels the same few hundred values
def facet_label(taxonomy: Taxonomy, facet: str, value: str, language: str) -> str:
    if facet in ("themes", "subthemes", "lifecycle", "region"):
        return taxonomy.label(value, language)
    if facet == "country":
        return country_name(value, language)
    if facet == "language":
        return language_name(value, language)
    if facet == "kind" and value in KIND_LABELS:
        return translate_in(language, KIND_LABELS[value])
    return value


@lru_cache(maxsize=4096)
def _code_order(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in value.split("."))


def _sort_key(facet: str, value: str, count: int) -> tuple[Any, ...]:
    if facet in ("themes", "subthemes"):
        return (_code_order(value),)
    if facet == "year":
        return (-int(value),)
    return (-count, value)


def facets(taxonomy: Taxonomy, page: SearchPage, language: str) -> dict[str, list[FacetValue]]:
    out: dict[str, list[FacetValue]] = {}
    for facet in FACETS:
        counts = page.facets.get(facet, {})
        values = sorted(counts.items(), key=lambda item: _sort_key(facet, item[0], item[1]))
        out[FACET_PARAMS.get(facet, facet)] = [
            # Values, labels and counts are the engine's and ours: nothing to validate.
            FacetValue.model_construct(
                value=v, label=facet_label(taxonomy, facet, v, language), count=n
            )
            for v, n in values
            if n > 0
        ]
    return out


def _reader_translation(document: dict[str, Any], language: str) -> ReaderTranslation | None:
    """The clause's translation into the reader's language, when it is not already in it."""
    if same_language(document.get("language", ""), language):
        return None
    for translation in document.get("translations") or []:
        if same_language(translation["language"], language):
            return ReaderTranslation(**translation)
    return None


def hits(page: SearchPage, language: str) -> list[Hit]:
    """Hits for the API, each with the clause's translation into the reader's language if any."""
    out: list[Hit] = []
    for hit in page.hits:
        doc = hit.document
        country = doc.get("country")
        out.append(
            Hit(
                id=doc["id"],
                external_id=doc.get("external_id"),
                title=doc.get("title", ""),
                snippet=safe_snippet(hit.snippet),
                themes=list(doc.get("themes") or []),
                subthemes=list(doc.get("subthemes") or []),
                country=country,
                country_name=country_name(country, language) if country else None,
                language=doc.get("language", ""),
                kind=doc.get("kind", ""),
                year=doc.get("year"),
                matched_language=hit.matched_language,
                translation=_reader_translation(doc, language),
            )
        )
    return out
