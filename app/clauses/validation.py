"""Rules that need the taxonomy: codes, countries, translation languages."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.errors import FieldError, InvalidInput
from app.i18n.translate import _
from app.taxonomy.model import Taxonomy


def unknown_country(code: str) -> str:
    return _("'%(code)s' is not an ISO 3166-1 alpha-2 country code") % {"code": code}


def _unknown(name: str, code: str) -> str:
    # Whole sentences, one per kind of code: translators need them whole (gender, word order).
    if name == "themes":
        return _("unknown theme code '%(code)s'") % {"code": code}
    if name == "subthemes":
        return _("unknown sub-theme code '%(code)s'") % {"code": code}
    return _("unknown lifecycle phase '%(code)s'") % {"code": code}


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
    checks: tuple[tuple[str, Sequence[str] | None, Callable[[str], bool]], ...] = (
        ("themes", themes, taxonomy.is_theme),
        ("subthemes", subthemes, taxonomy.is_subtheme),
        ("lifecycle", lifecycle, taxonomy.is_phase),
    )
    for name, values, known in checks:
        for i, code in enumerate(values or ()):
            if not known(code):
                errors.append(FieldError(f"{name}[{i}]", _unknown(name, code)))
    if country is not None and not taxonomy.is_country(country):
        errors.append(FieldError("country", unknown_country(country)))
    if region is not None and not taxonomy.is_region(region):
        errors.append(FieldError("region", _("unknown region '%(code)s'") % {"code": region}))
    return errors


def check_translation_languages(original: str, languages: Sequence[str]) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, language in enumerate(languages):
        if language == original:
            errors.append(
                FieldError(f"translations[{i}].language", _("same as the original language"))
            )
        elif language in seen:
            errors.append(
                FieldError(
                    f"translations[{i}].language",
                    _("%(language)s given twice") % {"language": language},
                )
            )
        seen.add(language)
    return errors


def raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise InvalidInput.of(errors)
