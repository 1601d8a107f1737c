"""Load and validate the taxonomy files; any mistake stops start-up with a clear message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

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


class _LabelFile(_Strict):
    label: str | None = None
    description: str | None = None


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


def _localized(directory: Path, known: set[str]) -> dict[str, dict[str, Localized]]:
    """Per-language labels (labels/<lang>.yaml) and keywords (keywords/<lang>.yaml)."""
    wording: dict[str, dict[str, dict[str, Any]]] = {}
    for kind in ("labels", "keywords"):
        for path in sorted((directory / kind).glob("*.yaml")):
            data = _read(path) or {}
            if not isinstance(data, dict):
                raise TaxonomyError(f"{path}: expected a mapping of code to entries")
            for code, entry in data.items():
                code = str(code)
                if code not in known:
                    raise TaxonomyError(f"{path}: unknown code {code!r}")
                slot = wording.setdefault(path.stem, {}).setdefault(code, {})
                if kind == "keywords":
                    if not isinstance(entry, list) or not all(isinstance(k, str) for k in entry):
                        raise TaxonomyError(f"{path}: {code}: keywords must be a list of text")
                    slot["keywords"] = tuple(entry)
                else:
                    try:
                        slot.update(_LabelFile.model_validate(entry).model_dump())
                    except ValidationError as exc:
                        raise TaxonomyError(f"{path}: {code}: {exc}") from exc
    return {
        language: {code: Localized(**fields) for code, fields in codes.items()}
        for language, codes in wording.items()
    }


def load_taxonomy(directory: Path) -> Taxonomy:
    """Read every taxonomy file under `directory` and check that they agree."""
    themes = _themes(directory / "themes.yaml")
    phases_file: _PhasesFile = _parse(_PhasesFile, directory / "lifecycle.yaml")
    lifecycle = tuple(_concept(p) for p in phases_file.phases)
    regions_file: _RegionsFile = _parse(_RegionsFile, directory / "regions.yaml")
    countries = [c for r in regions_file.regions for c in r.countries]
    if len(countries) != len(set(countries)):
        twice = sorted({c for c in countries if countries.count(c) > 1})
        raise TaxonomyError(f"regions.yaml: listed twice (or in two regions): {twice}")
    regions = tuple(Region(r.code, r.label, frozenset(r.countries)) for r in regions_file.regions)
    known = {t.code for t in themes} | {s.code for t in themes for s in t.subthemes}
    known |= {p.code for p in lifecycle}
    return Taxonomy(themes, lifecycle, regions, _localized(directory, known))
