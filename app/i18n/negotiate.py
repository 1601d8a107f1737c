"""Choose the reader's language: explicit `lang`, then `Accept-Language`, then English."""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from babel.core import negotiate_locale

DEFAULT_LANGUAGE = "en"


def _accept_language(header: str) -> list[str]:
    """Language tags from an Accept-Language header, best first (q-values honoured)."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if tag and tag != "*" and weight > 0:
            weighted.append((-weight, index, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


def choose_language(
    explicit: str | None, accept_language: str | None, available: Sequence[str]
) -> str:
    """The best available language for this request (falls back to English)."""
    wanted = [explicit] if explicit else []
    wanted += _accept_language(accept_language or "")
    for tag in wanted:
        match = negotiate_locale([tag.replace("_", "-")], list(available), sep="-")
        if match:
            return match
        try:
            # `zh-CN` -> zh-Hans, `pt-BR` -> pt: let CLDR's likely subtags decide.
            locale = Locale.parse(tag.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
        for candidate in (f"{locale.language}-{locale.script}", locale.language):
            if candidate in available:
                return candidate
    return DEFAULT_LANGUAGE
