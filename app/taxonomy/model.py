"""The taxonomy as loaded from seed/taxonomy/: immutable, validated, with look-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

THEME_CODE = re.compile(r"^[1-9]$")
SUBTHEME_CODE = re.compile(r"^[1-9]\.[1-9][0-9]?$")


@dataclass(frozen=True)
class Concept:
    """A theme, sub-theme or lifecycle phase: a code with English label, description, keywords."""

    code: str
    label: str
    description: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Theme(Concept):
    subthemes: tuple[Concept, ...] = ()


@dataclass(frozen=True)
class Region:
    code: str
    label: str
    countries: frozenset[str]


@dataclass(frozen=True)
class Localized:
    """One language's label, description and keywords for a concept (any may be missing)."""

    label: str | None = None
    description: str | None = None
    keywords: tuple[str, ...] = ()


@dataclass(eq=False)  # one loaded taxonomy is one identity: look-ups may be cached per object
class Taxonomy:
    """Every concept by code, plus each language's wording of them."""

    themes: tuple[Theme, ...]
    lifecycle: tuple[Concept, ...]
    regions: tuple[Region, ...]
    # language -> code -> wording; English comes from the concepts themselves.
    localized: dict[str, dict[str, Localized]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._themes = {t.code: t for t in self.themes}
        self._subthemes = {s.code: s for t in self.themes for s in t.subthemes}
        self._phases = {p.code: p for p in self.lifecycle}
        self._region_of = {c: r.code for r in self.regions for c in r.countries}
        self._regions = {r.code: r for r in self.regions}
        self._terms_by_language: dict[
            tuple[tuple[str, ...], tuple[str, ...]], dict[str, tuple[str, ...]]
        ] = {}

    # --- look-ups ---
    def is_theme(self, code: str) -> bool:
        return code in self._themes

    def is_subtheme(self, code: str) -> bool:
        return code in self._subthemes

    def is_phase(self, code: str) -> bool:
        return code in self._phases

    def is_region(self, code: str) -> bool:
        return code in self._regions

    def is_country(self, code: str) -> bool:
        return code in self._region_of

    def region_of(self, country: str) -> str | None:
        return self._region_of.get(country)

    def theme_of(self, subtheme: str) -> str:
        return subtheme.split(".", 1)[0]

    def concept(self, code: str) -> Concept | None:
        return self._themes.get(code) or self._subthemes.get(code) or self._phases.get(code)

    @property
    def theme_codes(self) -> list[str]:
        return list(self._themes)

    @property
    def subtheme_codes(self) -> list[str]:
        return list(self._subthemes)

    @property
    def phase_codes(self) -> list[str]:
        return list(self._phases)

    @property
    def region_codes(self) -> list[str]:
        return list(self._regions)

    @property
    def countries(self) -> list[str]:
        return sorted(self._region_of)

    @property
    def languages(self) -> list[str]:
        """Every language the taxonomy is worded in, English first."""
        return ["en", *sorted(self.localized)]

    # --- wording in a language, falling back to English ---
    def label(self, code: str, language: str = "en") -> str:
        local = self.localized.get(language, {}).get(code)
        if local is not None and local.label:
            return local.label
        concept = self.concept(code)
        if concept is not None:
            return concept.label
        region = self._regions.get(code)
        return region.label if region is not None else code

    def description(self, code: str, language: str = "en") -> str:
        local = self.localized.get(language, {}).get(code)
        if local is not None and local.description:
            return local.description
        concept = self.concept(code)
        return concept.description if concept is not None else ""

    def keywords(self, code: str, language: str = "en") -> tuple[str, ...]:
        if language == "en":
            concept = self.concept(code)
            return concept.keywords if concept is not None else ()
        local = self.localized.get(language, {}).get(code)
        return local.keywords if local is not None else ()

    def terms_by_language(
        self, codes: tuple[str, ...], labels_only: tuple[str, ...] = ()
    ) -> dict[str, tuple[str, ...]]:
        """Every language's terms for these concepts, in order (languages without any left
        out); the concepts in `labels_only` bring their label without their keywords. Clauses
        share a few combinations of concepts, so each is worked out once."""
        key = (codes, labels_only)
        found = self._terms_by_language.get(key)
        if found is None:
            found = {}
            for language in self.languages:
                terms = tuple(
                    term
                    for code in codes
                    for term in self.terms(code, language, keywords=code not in labels_only)
                )
                if terms:
                    found[language] = terms
            if len(self._terms_by_language) < 100_000:
                self._terms_by_language[key] = found
        return found

    def terms(self, code: str, language: str, keywords: bool = True) -> list[str]:
        """Label and keywords of one concept in one language: what the index carries for it."""
        local = self.localized.get(language, {}).get(code)
        label = self.label(code, "en") if language == "en" else (local.label if local else None)
        more = self.keywords(code, language) if keywords else ()
        return [t for t in (label, *more) if t]
