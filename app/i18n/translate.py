"""Our own wording (the `messages` domain) in the reader's language.

The reader's language is set once per request (`ReaderLanguageMiddleware`) in a context
variable, which FastAPI's worker threads inherit; code that raises an error or builds a label
calls `_()` and gets the request's language without passing it around. Outside a request (the
command line, imports) it is English.

`N_()` only marks a constant for extraction: the constant stays English and is translated where
it is shown (problem titles, facet labels).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

from app.i18n.catalogs import MESSAGES, SOURCE_LANGUAGE, catalog_languages, load_catalog
from app.i18n.names import babel_locale

_reader_language: ContextVar[str] = ContextVar("reader_language", default=SOURCE_LANGUAGE)


@lru_cache(maxsize=1)
def message_languages() -> tuple[str, ...]:
    """The languages our own wording is available in, English first."""
    return (SOURCE_LANGUAGE, *catalog_languages(MESSAGES))


def current_language() -> str:
    """The reader's language for this request (English outside a request)."""
    return _reader_language.get()


def current_locale() -> Locale:
    """The Babel locale of the reader's language, for lists, numbers and dates."""
    return babel_locale(current_language())


@contextmanager
def reading_in(language: str) -> Iterator[None]:
    """Within this block, `_()` answers in `language`."""
    token = _reader_language.set(language)
    try:
        yield
    finally:
        _reader_language.reset(token)


def gettext(message: str) -> str:
    """`message` in the reader's language, or as written when it has no translation."""
    return load_catalog(MESSAGES, current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, by the reader's language's plural rules."""
    return load_catalog(MESSAGES, current_language()).ngettext(singular, plural, n)


def translate_in(language: str, message: str) -> str:
    """`message` in an explicit language (for answers whose language is not the reader's)."""
    return load_catalog(MESSAGES, language).gettext(message)


def format_count(n: int) -> str:
    """A count written the reader's way (`50,000`, `50 000`, `50.000`)."""
    return format_decimal(n, locale=current_locale())


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Mark a constant for extraction; translate it with `gettext` where it is shown."""
    return message


_ = gettext
