"""Rules that need the taxonomy: codes, countries, translation languages."""

from __future__ import annotations

from collections.abc import Sequence

from app.errors import FieldError, InvalidInput
from app.taxonomy.model import Taxonomy

_NOUNS = {"themes": "theme", "subthemes": "sub-theme", "lifecycle": "lifecycle phase"}


def check_codes(
    taxonomy: Taxonomy,
    *,
    themes: Sequence[str] | None = None,
    subthemes: Sequence[str] | None = None,
    lifecycle: Sequence[str] | None = None,
    country: str | None = None,
    region: str | None = None,
) -> list[FieldError]:
    """Every unknown code, field by field (`subthemes[1]`)."""
    errors: list[FieldError] = []
    for name, values, known in (
        ("themes", themes, taxonomy.is_theme),
        ("subthemes", subthemes, taxonomy.is_subtheme),
        ("lifecycle", lifecycle, taxonomy.is_phase),
    ):
        for i, code in enumerate(values or ()):
            if not known(code):
                message = f"unknown {_NOUNS[name]} code {code!r}"
                errors.append(FieldError(f"{name}[{i}]", message))
    if country is not None and not taxonomy.is_country(country):
        errors.append(
            FieldError("country", f"{country!r} is not an ISO 3166-1 alpha-2 country code")
        )
    if region is not None and not taxonomy.is_region(region):
        errors.append(FieldError("region", f"unknown region {region!r}"))
    return errors


def check_translation_languages(original: str, languages: Sequence[str]) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, language in enumerate(languages):
        if language == original:
            errors.append(
                FieldError(f"translations[{i}].language", "same as the original language")
            )
        elif language in seen:
            errors.append(FieldError(f"translations[{i}].language", f"{language} given twice"))
        seen.add(language)
    return errors


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        raise InvalidInput(detail, errors=errors)
