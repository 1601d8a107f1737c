"""Country, language and region names from CLDR, in the reader's language."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError


@lru_cache(maxsize=64)
def babel_locale(language: str) -> Locale:
    """The Babel locale for one of our language tags (`zh-Hans` -> zh_Hans); English if unknown."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale("en")


def country_name(code: str, language: str) -> str:
    name: str = babel_locale(language).territories.get(code, code)
    return name


def language_name(tag: str, language: str) -> str:
    try:
        name: str | None = babel_locale(tag).get_display_name(babel_locale(language))
        return name or tag
    except (UnknownLocaleError, ValueError):
        return tag
