"""Load and validate the taxonomy files; any mistake stops start-up with a clear message.

English wording comes from the YAML files; other languages' labels and descriptions from the
`taxonomy` gettext catalogs (locales/<lang>/LC_MESSAGES/taxonomy.po), and each language's
search keywords from seed/taxonomy/keywords/<lang>.yaml (a vocabulary of its own, not a
translation).
"""

from __future__ import annotations

import gettext
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from app.i18n.catalogs import LOCALES_DIR, TAXONOMY, CatalogError, catalog_languages, compiled
from app.i18n.catalogs import po_path as catalog_po
from app.taxonomy.model import (
    SUBTHEME_CODE,
    THEME_CODE,
    Concept,
    Localized,
    Region,
    Taxonomy,
    Theme,
)


class TaxonomyError(Exception):
    """The taxonomy files are missing, malformed or inconsistent."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ConceptFile(_Strict):
    code: str
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    keywords: list[str] = []


class _ThemeFile(_ConceptFile):
    subthemes: list[_ConceptFile] = Field(min_length=1)


class _ThemesFile(_Strict):
    themes: list[_ThemeFile] = Field(min_length=1)


class _PhasesFile(_Strict):
    phases: list[_ConceptFile] = Field(min_length=1)


class _RegionFile(_Strict):
    code: str
    label: str
    countries: list[str]

    @field_validator("countries")
    @classmethod
    def _two_letters(cls, countries: list[str]) -> list[str]:
        bad = [c for c in countries if not (len(c) == 2 and c.isalpha() and c.isupper())]
        if bad:
            raise ValueError(f"not ISO 3166-1 alpha-2 codes: {bad}")
        return countries


class _RegionsFile(_Strict):
    regions: list[_RegionFile] = Field(min_length=1)


def _read(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc


def _parse(model: type[_Strict], path: Path) -> Any:
    try:
        return model.model_validate(_read(path))
    except ValidationError as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc


def _concept(raw: _ConceptFile) -> Concept:
    return Concept(raw.code, raw.label, raw.description, tuple(raw.keywords))


def _themes(path: Path) -> tuple[Theme, ...]:
    parsed: _ThemesFile = _parse(_ThemesFile, path)
    themes: list[Theme] = []
    for raw in parsed.themes:
        if not THEME_CODE.match(raw.code):
            raise TaxonomyError(f"{path}: theme code {raw.code!r} is not a digit 1-9")
        for sub in raw.subthemes:
            if not SUBTHEME_CODE.match(sub.code) or not sub.code.startswith(raw.code + "."):
                raise TaxonomyError(f"{path}: sub-theme {sub.code!r} is not under {raw.code}")
        subthemes = tuple(_concept(s) for s in raw.subthemes)
        themes.append(Theme(raw.code, raw.label, raw.description, tuple(raw.keywords), subthemes))
    codes = [t.code for t in themes] + [s.code for t in themes for s in t.subthemes]
    if len(codes) != len(set(codes)):
        raise TaxonomyError(f"{path}: a code appears twice")
    return tuple(themes)


class _Untranslated(gettext.NullTranslations):
    # The last fallback of a catalog: an empty answer tells "not translated" from a translation
    # that happens to read the same as the English.
    def gettext(self, message: str) -> str:
        return ""


def _keywords(directory: Path, known: set[str]) -> dict[str, dict[str, tuple[str, ...]]]:
    """Each language's search keywords by code (keywords/<lang>.yaml)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for path in sorted((directory / "keywords").glob("*.yaml")):
        data = _read(path) or {}
        if not isinstance(data, dict):
            raise TaxonomyError(f"{path}: expected a mapping of code to keyword lists")
        for code, entry in data.items():
            code = str(code)
            if code not in known:
                raise TaxonomyError(f"{path}: unknown code {code!r}")
            if not isinstance(entry, list) or not all(isinstance(k, str) for k in entry):
                raise TaxonomyError(f"{path}: {code}: keywords must be a list of text")
            out.setdefault(path.stem, {})[code] = tuple(entry)
    return out


def _catalogs(locales_dir: Path) -> dict[str, gettext.NullTranslations]:
    """Each language's compiled `taxonomy` catalog, answering "" for what it leaves out."""
    catalogs: dict[str, gettext.NullTranslations] = {}
    for language in catalog_languages(TAXONOMY, locales_dir):
        try:
            catalog = compiled(catalog_po(language, TAXONOMY, locales_dir), TAXONOMY)
        except CatalogError as exc:
            raise TaxonomyError(str(exc)) from exc
        # A fresh object per load, so the fallback never leaks into a shared catalog.
        catalog.add_fallback(_Untranslated())
        catalogs[language] = catalog
    return catalogs


def _localized(
    directory: Path, locales_dir: Path, concepts: list[Concept], regions: tuple[Region, ...]
) -> dict[str, dict[str, Localized]]:
    """Every language's wording of every code: catalogs for labels, YAML for keywords."""
    keywords = _keywords(directory, {c.code for c in concepts})
    catalogs = _catalogs(locales_dir)
    localized: dict[str, dict[str, Localized]] = {}
    for language in sorted(set(keywords) | set(catalogs)):
        catalog = catalogs.get(language, _Untranslated())
        words = keywords.get(language, {})
        by_code = {
            c.code: Localized(
                catalog.gettext(c.label) or None,
                catalog.gettext(c.description) or None,
                words.get(c.code, ()),
            )
            for c in concepts
        }
        # Regions have a label only; keywords are for concepts.
        by_code |= {r.code: Localized(catalog.gettext(r.label) or None) for r in regions}
        localized[language] = by_code
    return localized


def load_taxonomy(directory: Path, locales_dir: Path = LOCALES_DIR) -> Taxonomy:
    """Read every taxonomy file under `directory`, and the catalogs in `locales_dir`."""
    themes = _themes(directory / "themes.yaml")
    phases_file: _PhasesFile = _parse(_PhasesFile, directory / "lifecycle.yaml")
    lifecycle = tuple(_concept(p) for p in phases_file.phases)
    regions_file: _RegionsFile = _parse(_RegionsFile, directory / "regions.yaml")
    countries = [c for r in regions_file.regions for c in r.countries]
    if len(countries) != len(set(countries)):
        twice = sorted({c for c in countries if countries.count(c) > 1})
        raise TaxonomyError(f"regions.yaml: listed twice (or in two regions): {twice}")
    regions = tuple(Region(r.code, r.label, frozenset(r.countries)) for r in regions_file.regions)
    concepts = [*themes, *(s for t in themes for s in t.subthemes), *lifecycle]
    localized = _localized(directory, locales_dir, concepts, regions)
    return Taxonomy(themes, lifecycle, regions, localized)
