"""Choose the reader's language: explicit `lang`, then the `commons_lang` cookie, then
`Accept-Language`, then English."""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from babel.core import negotiate_locale
from starlette.requests import HTTPConnection

DEFAULT_LANGUAGE = "en"
LANGUAGE_QUERY = "lang"
# Set by the web front-end when a reader picks a language; the API honours it too.
LANGUAGE_COOKIE = "commons_lang"


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
    explicit: str | None,
    accept_language: str | None,
    available: Sequence[str],
    *,
    cookie: str | None = None,
) -> str:
    """The best available language: `explicit`, then `cookie`, then `Accept-Language`, English."""
    wanted = [choice for choice in (explicit, cookie) if choice]
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
        alias = _same_in_cldr(locale, available)
        if alias is not None:
            return alias
    return DEFAULT_LANGUAGE


def _same_in_cldr(locale: Locale, available: Sequence[str]) -> str | None:
    # CLDR knows `tl` as an alias of `fil`: a reader asking for `fil` gets our `tl` wording.
    for tag in available:
        try:
            offered = Locale.parse(tag.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            continue
        if (offered.language, offered.script) == (locale.language, locale.script):
            return tag
    return None


def reader_language(connection: HTTPConnection, available: Sequence[str]) -> str:
    """The best available language for this request, from its `lang`, cookie and headers."""
    return choose_language(
        connection.query_params.get(LANGUAGE_QUERY),
        connection.headers.get("accept-language"),
        available,
        cookie=connection.cookies.get(LANGUAGE_COOKIE),
    )
